"""A catalogue job speaks the admin language of whoever asked for it (the worker runs in German)."""

import pytest
from wagtail.users.models import UserProfile

from exhibition.models import ExhibitionPage
from printing.models import CatalogueJob
from printing.tasks import render_catalogue_job
from tests.factories import module_data
from tests.factories.catalogue import WorkPageFactory
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Two works, one without its English texts (as some demo works)."""
    tour = rhine_and_yangtze_tour(("BL-R-01",))
    WorkPageFactory(
        parent=tour.exhibition,
        inventory_number="BL-R-05",
        title_en="",
        caption_en="",
        medium_en="",
        credit_line_en="",
    )
    return tour


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "texts are missing in a language this printout needs"),
        ("zh-hans", "此打印件所需语言中缺少"),
        ("de", "Texte fehlen"),
    ],
)
def test_progress_and_refusal_follow_the_requesters_language(curator, language, expected):
    profile = UserProfile.get_for_user(curator)
    profile.preferred_language = language
    profile.save()
    job = CatalogueJob.objects.create(
        exhibition=ExhibitionPage.objects.get(slug="flusslandschaften"),
        languages="en",  # the demo lacks some English texts: refused, with the reason
        requested_by=curator,
    )
    render_catalogue_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == CatalogueJob.Status.FAILED
    assert expected in job.message
    assert "Englisch" not in job.message or language == "de"
