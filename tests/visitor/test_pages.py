"""The visitor catalogue: a stop's catalogue, a work at a stop, the keypad, search, sitemap."""

import re

import pytest
from bs4 import BeautifulSoup

from catalogue.models import WorkPage
from catalogue.renditions import make_renditions_task
from exhibition.models import ChecklistEntry
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, demo_texts, pair_rivers, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works with their titles (one shared picture, its renditions made), paired
    across the rivers: the sitemap counts them all and the section filter the twelve on the
    Rhine."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    tour = rhine_and_yangtze_tour(ALL_24, image=image, **demo_texts())
    pair_rivers(tour)
    return tour


CQ = "chongqing-2024"
DUS = "duesseldorf-2024"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def entries(stop):
    return list(
        ChecklistEntry.objects.filter(tour_stop__slug=stop)
        .select_related("work")
        .order_by("sort_order")
    )


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
def test_catalogue_at_a_venue_lists_works_in_hanging_order(client, lang):
    response = client.get(f"/{lang}/stops/{CQ}/")
    assert response.status_code == 200
    page = soup(response)
    hrefs = [a["href"] for a in page.select("ol.work-grid a")]
    expected = [f"/{lang}/stops/{CQ}/{e.label_number}/" for e in entries(CQ)]
    assert hrefs == expected
    chips = [c.get_text() for c in page.select("ol.work-grid .label-chip")]
    assert chips[:3] == ["101", "102", "103"]
    assert page.select_one("ol.work-grid picture source[type='image/avif']")


def test_section_filter(client):
    page = soup(client.get(f"/en/stops/{CQ}/?section=rhein"))
    titles = [a["href"] for a in page.select("ol.work-grid a")]
    rhine = [e for e in entries(CQ) if e.work.section.slug == "rhein"]
    assert len(titles) == len(rhine) == 12
    assert page.select_one(".section-filter a[aria-current]").get_text(strip=True) == "Rhine"


def test_work_at_a_venue_has_previous_and_next_in_hanging_order(client):
    stop = entries(CQ)
    middle = stop[5]
    page = soup(client.get(f"/en/stops/{CQ}/{middle.label_number}/"))
    assert page.select_one('.hanging-order a[rel="prev"]')["href"] == (
        f"/en/stops/{CQ}/{stop[4].label_number}/"
    )
    assert page.select_one('.hanging-order a[rel="next"]')["href"] == (
        f"/en/stops/{CQ}/{stop[6].label_number}/"
    )
    assert page.select_one(".label-number").get_text(strip=True) == f"Label {middle.label_number}"
    first = soup(client.get(f"/en/stops/{CQ}/{stop[0].label_number}/"))
    assert first.select_one('.hanging-order a[rel="prev"]') is None


def test_plain_work_page_browses_in_a_stops_hanging_order_and_shows_the_german_original(client):
    page = soup(client.get("/zh-hans/flusslandschaften/bl-r-05/"))
    assert page.select_one('.hanging-order a[rel="next"]')["href"].startswith("/zh-hans/stops/")
    original = page.select_one(".original [lang=de]")
    assert original.select_one(".original-title").get_text() == "Rhein bei Koblenz, Mittag"
    german = soup(client.get("/de/flusslandschaften/bl-r-05/"))
    assert german.select_one(".original") is None


def test_counterpart_at_a_venue_stays_at_the_venue(client):
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    entry = ChecklistEntry.objects.get(tour_stop__slug=DUS, work=work)
    pair = ChecklistEntry.objects.get(tour_stop__slug=DUS, work__inventory_number="BL-J-05")
    page = soup(client.get(f"/en/stops/{DUS}/{entry.label_number}/"))
    assert page.select_one(".counterpart a")["href"] == f"/en/stops/{DUS}/{pair.label_number}/"


def test_language_switcher_on_a_venue_work_keeps_the_venue_and_the_work(client):
    e = entries(CQ)[3]
    page = soup(client.get(f"/de/stops/{CQ}/{e.label_number}/"))
    hrefs = [a["href"] for a in page.select(".language-switcher a")]
    assert hrefs == [f"/{code}/stops/{CQ}/{e.label_number}/" for code in ("de", "zh-hans", "en")]
    alternates = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"de", "zh-Hans", "en", "x-default"}


def test_keypad_opens_the_work_with_that_label_number(client):
    response = client.get(f"/zh-hans/stops/{CQ}/find/", {"n": "105"})
    assert response.status_code == 302
    assert response["Location"] == f"/zh-hans/stops/{CQ}/105/"
    entry = ChecklistEntry.objects.get(tour_stop__slug=CQ, label_number=105)
    page = soup(client.get(response["Location"]))
    assert page.h1.get_text(strip=True) == entry.work.title_zh_hans
    keypad = soup(client.get(f"/en/stops/{CQ}/find/"))
    assert len(keypad.select(".keys button[data-key]")) == 11


def test_keypad_rejects_non_digits_with_a_message(client):
    response = client.get(f"/en/stops/{CQ}/find/", {"n": "1'; DROP TABLE--"})
    assert response.status_code == 200
    assert "digits only" in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "There is no work number 117 at this venue"),
        ("de", "Es gibt hier keine Arbeit mit der Nummer 117"),
        ("zh-hans", "本展馆没有编号为 117 的作品"),
    ],
)
def test_unknown_label_number_is_a_friendly_page(client, lang, text):
    response = client.get(f"/{lang}/stops/{DUS}/117/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_short_address_with_an_unknown_number_says_so_in_the_visitors_language(client):
    response = client.get(f"/w/{DUS}/117/", follow=True, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.redirect_chain[-1][0] == f"/zh-hans/stops/{DUS}/117/"
    assert "本展馆没有编号为 117 的作品" in response.content.decode()


def test_draft_work_is_not_reachable_at_a_venue_or_by_its_label(client):
    entry = entries(CQ)[2]
    WorkPage.objects.get(pk=entry.work_id).unpublish()
    assert client.get(f"/en/stops/{CQ}/{entry.label_number}/").status_code == 404
    assert (
        client.get(f"/en/stops/{CQ}/find/", {"n": entry.label_number}, follow=True).status_code
        == 404
    )
    listing = client.get(f"/en/stops/{CQ}/").content.decode()
    assert f"/en/stops/{CQ}/{entry.label_number}/" not in listing


def test_exhibition_page_shows_the_tour_stop_with_dates_and_opening_hours(client):
    page = soup(client.get("/zh-hans/flusslandschaften/"))
    stop = page.select_one(".tour-stop")
    assert stop is not None
    assert stop.select_one(f'a[href="/zh-hans/stops/{CQ}/"]')
    assert "Asia/Shanghai" in stop.get_text()


def test_sitemap_lists_every_public_page_with_language_alternates(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sitemaps = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index.content.decode())
    assert sorted(sitemaps) == sorted(
        f"/sitemap-{kind}-{lang}.xml"
        for kind in ("pages", "stops")
        for lang in ("de", "zh-hans", "en")
    )
    xml = {url: client.get(url).content.decode() for url in sitemaps}
    for lang in ("de", "zh-hans", "en"):
        assert f"/{lang}/flusslandschaften/bl-r-05/</loc>" in xml[f"/sitemap-pages-{lang}.xml"]
        assert f"/{lang}/stops/{CQ}/</loc>" in xml[f"/sitemap-stops-{lang}.xml"]
        assert 'hreflang="zh-hans"' in xml[f"/sitemap-pages-{lang}.xml"]
    assert sum(page.count("<url>") for page in xml.values()) == 3 * (1 + 1 + 24 + 2)


def test_unknown_language_prefix_is_a_404_in_the_visitors_language(client):
    response = client.get("/fr/flusslandschaften/", follow=True, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 404
    assert soup(response).html["lang"] == "zh-Hans"
    assert soup(response).h1.get_text(strip=True) != "Page not found"
