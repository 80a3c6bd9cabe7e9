"""What visitors notice on venue tablets: the QR short address keeps its stop, an unoffered
browser language gets English, and the kiosk's idle reset goes to the venue's first language."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from exhibition.models import ChecklistEntry, TourStop
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(tuple(f"BL-J-{i:02d}" for i in range(1, 6)))


CQ = "chongqing-2024"


def later_stop_at_the_same_venue(earlier):
    """A stop that opened yesterday at `earlier`'s venue, `earlier` closed long ago, and the same
    work hanging there under another label number."""
    today = timezone.now().date()
    earlier.install_start = today - datetime.timedelta(days=400)
    earlier.opening = today - datetime.timedelta(days=390)
    earlier.closing = today - datetime.timedelta(days=300)
    earlier.deinstall_end = today - datetime.timedelta(days=290)
    earlier.save()
    later = TourStop.objects.create(
        exhibition=earlier.exhibition,
        venue=earlier.venue,
        slug="chongqing-2026",
        install_start=today - datetime.timedelta(days=10),
        opening=today - datetime.timedelta(days=1),
        closing=today + datetime.timedelta(days=60),
        deinstall_end=today + datetime.timedelta(days=70),
        status=TourStop.Status.SCHEDULED,
    )
    return later


def test_short_address_opens_its_own_stops_work_when_a_later_stop_hangs_it_too(client):
    earlier = TourStop.objects.get(slug=CQ)
    entry = ChecklistEntry.objects.filter(tour_stop=earlier).order_by("sort_order")[2]
    later = later_stop_at_the_same_venue(earlier)
    ChecklistEntry.objects.create(tour_stop=later, work=entry.work, label_number=7, sort_order=1)
    response = client.get(entry.short_path, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".label-number").get_text(strip=True) == f"Label {entry.label_number}"
    assert response.redirect_chain[-1][0] == f"/en/stops/{CQ}/{entry.label_number}/"
    breadcrumb = page.select_one(".breadcrumb a")["href"]
    assert breadcrumb == f"/en/stops/{CQ}/"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("fr-FR,fr;q=0.9", "/en/"), ("de-DE,de;q=0.9", "/de/"), ("zh-CN", "/zh-hans/")],
)
def test_a_browser_language_leporello_does_not_offer_gets_english(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_short_address_in_french_opens_the_english_page(client):
    entry = ChecklistEntry.objects.filter(tour_stop__slug=CQ).first()
    response = client.get(entry.short_path, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Location"].startswith("/en/")


def test_idle_reset_returns_to_the_venues_first_language(client):
    stop = TourStop.objects.select_related("venue").get(slug=CQ)
    first = stop.venue.label_languages[0]
    assert first != "en"
    body = BeautifulSoup(client.get(f"/en/kiosk/{CQ}/105/").content, "html.parser").body
    assert body["data-kiosk-home"] == f"/{first}/kiosk/{CQ}/"
