"""A tour stop of an exhibition behind a view restriction (password) is not public: its visitor
and kiosk addresses answer 404 and do not name the exhibition, as the API and IIIF already do."""

import pytest
from wagtail.models import PageViewRestriction

from exhibition.models import TourStop
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-J-01",))


CQ = "chongqing-2024"


def test_stop_of_a_restricted_exhibition_is_not_shown(client):
    stop = TourStop.objects.get(slug=CQ)
    PageViewRestriction.objects.create(
        page=stop.exhibition, restriction_type="password", password="geheim"
    )
    title = stop.exhibition.title_en
    for address in (
        f"/en/stops/{CQ}/",
        f"/en/kiosk/{CQ}/",
        f"/kiosk/{CQ}/offline.json",
        f"/kiosk/{CQ}/manifest.webmanifest",
        f"/en/kiosk/{CQ}/search-index.json",
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert title not in response.content.decode(), address
