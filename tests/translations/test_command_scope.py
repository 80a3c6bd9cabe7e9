"""--exhibition and --tour-stop name their target the way staff see it: slug or id."""

import pytest
from django.core.management import CommandError

from exhibition.models import TourStop
from tests.factories.trees import rhine_and_yangtze_tour
from translations.roundtrip import read_file

from .helpers import export_command

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@pytest.fixture
def tour():
    return rhine_and_yangtze_tour(("BL-R-01", "BL-J-01"))


def exported_keys(tmp_path, *scope):
    path = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.csv"
    export_command(path, *scope)
    return [row.cells["key"].value for row in read_file(path.read_bytes(), path.name).rows]


def test_export_takes_a_tour_stop_by_id_as_well_as_by_slug(tmp_path):
    stop = TourStop.objects.get(slug="chongqing-2024")
    by_slug = exported_keys(tmp_path, "--tour-stop", "chongqing-2024")
    by_id = exported_keys(tmp_path, "--tour-stop", str(stop.pk))
    assert "work:BL-J-01" in by_id
    assert by_id == by_slug


def test_an_unknown_tour_stop_names_the_ones_there_are(tmp_path):
    with pytest.raises(CommandError, match=r"“99999”.*Known tour stops: .*chongqing-2024"):
        exported_keys(tmp_path, "--tour-stop", "99999")
    assert not list(tmp_path.iterdir())
