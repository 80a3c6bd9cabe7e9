"""What search engines and link previews read: meta descriptions, Open Graph and Twitter cards,
x-default alternates, noindex on kiosk pages, /robots.txt and the sitemap's lastmod."""

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree as ET

from catalogue.models import WorkPage
from catalogue.renditions import make_renditions_task
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import name_as_in_demo, rhine_and_yangtze_tour
from visitor.discovery import truncate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """BL-J-01 … BL-J-05 (BL-J-05 is label 105 in Chongqing; one shared picture with its
    renditions), the demo's venue names."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    works = tuple(f"BL-J-{i:02d}" for i in range(1, 6))
    return name_as_in_demo(rhine_and_yangtze_tour(works, image=image))


WORK = "/{lang}/flusslandschaften/bl-j-05/"
CQ = "chongqing-2024"
PUBLIC = [
    "/{lang}/",
    "/{lang}/flusslandschaften/",
    WORK,
    f"/{{lang}}/stops/{CQ}/",
    f"/{{lang}}/stops/{CQ}/105/",
    f"/{{lang}}/stops/{CQ}/find/",
    "/{lang}/search/?q=Rhein",
]
KIOSK = [f"/{{lang}}/kiosk/{CQ}/", f"/{{lang}}/kiosk/{CQ}/105/", f"/{{lang}}/kiosk/{CQ}/find/"]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(page_head, key):
    tag = page_head.find("meta", attrs={"property": key}) or page_head.find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
@pytest.mark.parametrize("address", PUBLIC + KIOSK)
def test_every_page_has_an_x_default_alternate_like_the_sitemap(client, lang, address):
    page_head = head(client, address.format(lang=lang))
    x_default = page_head.find_all("link", rel="alternate", hreflang="x-default")
    assert len(x_default) == 1
    german = page_head.find("link", rel="alternate", hreflang="de")["href"]
    assert x_default[0]["href"] == german


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
def test_kiosk_pages_are_noindex_and_public_pages_are_not(client, lang):
    for address in KIOSK:
        assert meta(head(client, address.format(lang=lang)), "robots") == "noindex"
    for address in PUBLIC:
        assert meta(head(client, address.format(lang=lang)), "robots") is None


def test_meta_description_comes_from_the_search_description_of_each_language(client):
    work = WorkPage.objects.get(inventory_number="BL-J-05")
    work.search_description_de = "Der Jangtse bei Wanzhou am Abend, fotografiert 2022."
    work.search_description_zh_hans = "傍晚的长江万州段。"
    work.save_revision().publish()
    assert meta(head(client, WORK.format(lang="de")), "description") == (
        "Der Jangtse bei Wanzhou am Abend, fotografiert 2022."
    )
    assert meta(head(client, WORK.format(lang="zh-hans")), "og:description") == "傍晚的长江万州段。"


def test_without_a_search_description_the_caption_is_cut_at_a_whole_word(client):
    work = WorkPage.objects.get(inventory_number="BL-J-05")
    caption = "Ein sehr langer Bildtext über den Fluss, der weit mehr sagt, als passt. " * 5
    work.caption_de = caption
    work.save_revision().publish()
    description = meta(head(client, WORK.format(lang="de")), "description")
    assert description.endswith("…")
    assert len(description) <= 160
    assert caption.startswith(description[:-1])
    assert caption[len(description) - 1] == " "  # the cut falls between two words


def test_truncation_counts_columns_and_cuts_chinese_between_characters():
    chinese = "长江在万州的傍晚，江面宽阔，远处的山峦渐渐隐入暮色之中。" * 6
    cut = truncate(chinese)
    assert cut.endswith("…") and chinese.startswith(cut[:-1].rstrip("，。"))
    assert 70 <= len(cut) <= 80  # a Han character takes two of the 160 columns
    assert truncate("Kurz.") == "Kurz."
    assert truncate("a " * 10 + "Donaudampfschifffahrtsgesellschaft" * 5) == "a a a a a a a a a a…"


@pytest.mark.parametrize(
    ("lang", "locale", "alternates"),
    [("de", "de_DE", ["zh_CN", "en_GB"]), ("zh-hans", "zh_CN", ["de_DE", "en_GB"])],
)
def test_open_graph_and_twitter_card_of_a_work(client, lang, locale, alternates):
    work = WorkPage.objects.get(inventory_number="BL-J-05")
    page_head = head(client, WORK.format(lang=lang))
    assert meta(page_head, "og:title") == getattr(work, f"title_{lang.replace('-', '_')}")
    assert meta(page_head, "og:type") == "website"
    assert meta(page_head, "og:url") == "http://testserver" + WORK.format(lang=lang)
    assert meta(page_head, "og:locale") == locale
    found = [m["content"] for m in page_head.find_all("meta", property="og:locale:alternate")]
    assert found == alternates
    image = meta(page_head, "og:image")
    assert image.startswith("http://testserver/media/images/") and "max-1200x1200" in image
    width, height = int(meta(page_head, "og:image:width")), int(meta(page_head, "og:image:height"))
    # The demo's test images are 480 x 320: the preview is the whole photograph, never enlarged.
    assert (width, height) == (work.image.width, work.image.height)
    assert meta(page_head, "og:image:alt") == work.image.alt_text_de or lang != "de"
    assert meta(page_head, "twitter:card") == "summary_large_image"
    assert meta(page_head, "description") == meta(page_head, "og:description")


def test_a_work_at_a_stop_previews_its_own_address_not_the_stop(client):
    page_head = head(client, f"/en/stops/{CQ}/105/")
    assert meta(page_head, "og:url") == "http://testserver" + WORK.format(lang="en")
    assert page_head.find("link", rel="canonical")["href"] == meta(page_head, "og:url")


def test_stop_catalogue_preview_names_the_exhibition_venue_and_dates(client):
    page_head = head(client, f"/de/stops/{CQ}/")
    assert meta(page_head, "og:title") == "Katalog: Beispiel-Ausstellungsort Chongqing"
    description = meta(page_head, "description")
    assert "Flusslandschaften an Rhein und Jangtse" in description
    assert "16. Oktober 2024" in description
    assert meta(page_head, "og:image")


def test_robots_txt_names_the_sitemap_and_disallows_admin_and_kiosk(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert {"Disallow: /de/kiosk/", "Disallow: /zh-hans/kiosk/", "Disallow: /en/kiosk/"} <= set(
        lines
    )
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any(line.startswith("Disallow: /de/stops") for line in lines)
    assert client.post("/robots.txt").status_code == 405


def test_every_sitemap_entry_has_lastmod_and_an_x_default(client):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = ET.fromstring(client.get("/sitemap.xml").content)  # a sitemap index (issue 19)
    urls = []
    for loc in index.findall("s:sitemap/s:loc", ns):
        path = loc.text.split("://", 1)[-1].split("/", 1)[1]
        urls += ET.fromstring(client.get(f"/{path}").content).findall("s:url", ns)
    stops = [u for u in urls if "/stops/" in u.find("s:loc", ns).text]
    assert len(stops) == 6  # two stops in three languages
    assert [u.find("s:loc", ns).text for u in urls if u.find("s:lastmod", ns) is None] == []
    for url in urls:
        langs = [link.get("hreflang") for link in url.findall("x:link", ns)]
        assert "x-default" in langs


def test_a_stops_lastmod_is_the_latest_change_its_catalogue_shows(client, settings):
    """A stop's lastmod: a work on its checklist or the exhibition published, or the stop or its
    venue edited (Wagtail's history), whichever is latest; read for all stops in one query."""
    import datetime

    from wagtail.models import ModelLogEntry

    from exhibition.models import TourStop

    settings.LEPORELLO_PAGE_CACHE_SECONDS = 0  # history entries alone purge nothing
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

    def lastmods():
        found = ET.fromstring(client.get("/sitemap-stops-en.xml").content).findall("s:url", ns)
        return {
            u.find("s:loc", ns).text.rstrip("/").rsplit("/", 1)[-1]: u.find("s:lastmod", ns).text
            for u in found
        }

    stop = TourStop.objects.get(slug=CQ)
    before = lastmods()
    others = [s for s in before if s != CQ and TourStop.objects.get(slug=s).venue != stop.venue]
    assert others
    for obj, when in ((stop.venue, (2031, 5, 6)), (stop, (2032, 7, 8))):
        entry = ModelLogEntry.objects.log_action(obj, "wagtail.edit")
        entry.timestamp = datetime.datetime(*when, 12, tzinfo=datetime.UTC)
        entry.save()
        assert lastmods()[CQ].startswith("-".join(f"{n:02d}" for n in when))
    assert all(lastmods()[slug] == before[slug] for slug in others)
    work = stop.checklist.first().work
    WorkPage.objects.filter(pk=work.pk).update(
        last_published_at=datetime.datetime(2033, 1, 2, 12, tzinfo=datetime.UTC)
    )
    assert lastmods()[CQ].startswith("2033-01-02")
