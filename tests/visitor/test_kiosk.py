"""Kiosk mode: a venue tablet stays inside its stop's catalogue, without outbound links or admin."""

import pytest
from bs4 import BeautifulSoup

from catalogue.models import WorkPage
from exhibition.models import ChecklistEntry
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(tuple(f"BL-J-{i:02d}" for i in range(1, 11)))


KIOSK = "/{lang}/kiosk/chongqing-2024/"


def soup(response):
    assert response.status_code in (200, 404)
    return BeautifulSoup(response.content, "html.parser")


def internal(href, lang):
    return href.startswith(KIOSK.format(lang=lang)) or href.startswith(
        tuple(f"/{code}/kiosk/chongqing-2024/" for code in ("de", "zh-hans", "en"))
    )


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
def test_every_link_on_kiosk_pages_stays_in_the_stop(client, lang, settings):
    settings.LEPORELLO_KIOSK_IDLE_SECONDS = 45
    start = KIOSK.format(lang=lang)
    entry = ChecklistEntry.objects.get(tour_stop__slug="chongqing-2024", label_number=105)
    # Give the work a description with an outbound link: the kiosk must not show it as a link.
    work = WorkPage.objects.get(pk=entry.work_id)
    for code in ("de", "zh_hans", "en"):
        setattr(work, f"description_{code}", '<p>See <a href="https://example.org/">more</a></p>')
    work.save_revision().publish()
    pages = [start, f"{start}find/", f"{start}105/", f"{start}search/?q=Rhein", f"{start}999/"]
    for url in pages:
        page = soup(client.get(url))
        body = page.body
        assert "kiosk" in body["class"]
        # The idle reset goes to the venue's first language (Chongqing: Chinese).
        assert body["data-kiosk-home"] == KIOSK.format(lang="zh-hans")
        assert body["data-kiosk-idle"] == "45"
        assert page.select_one(".site-footer") is None
        for a in page.select("a[href]"):
            href = a["href"]
            assert href == "#main" or internal(href, lang), (url, href)
        assert "/admin/" not in page.decode()
    description = soup(client.get(f"{start}105/")).select_one(".rich-text")
    assert description.a is None and "more" in description.get_text()


def test_kiosk_next_and_previous_stay_in_kiosk(client):
    page = soup(client.get("/en/kiosk/chongqing-2024/105/"))
    assert page.select_one('a[rel="next"]')["href"] == "/en/kiosk/chongqing-2024/106/"
    assert page.select_one('a[rel="prev"]')["href"] == "/en/kiosk/chongqing-2024/104/"


def test_kiosk_keypad_opens_the_work_in_kiosk(client):
    response = client.get("/de/kiosk/chongqing-2024/find/", {"n": "110"})
    assert response["Location"] == "/de/kiosk/chongqing-2024/110/"


def test_unknown_stop_is_a_404_in_the_visitors_language(client):
    response = client.get("/zh-hans/kiosk/no-such-stop/")
    assert response.status_code == 404
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "zh-Hans"
