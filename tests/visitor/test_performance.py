"""Fast on weak Wi-Fi: renditions are made before visitors ask, query counts do not grow with the
number of works, and anonymous pages come from a cache that publishing purges."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from catalogue.models import CatalogueImage, CatalogueRendition, Section, WorkPage
from catalogue.renditions import all_specs
from exhibition.models import ChecklistEntry, ExhibitionPage, HomePage, TourStop, Venue

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("demo")]


def tiny_image(name):
    buffer = io.BytesIO()
    PILImage.new("RGB", (24, 16), (40, 90, 120)).save(buffer, "JPEG")
    image = CatalogueImage(title=name, alt_text_en=f"Test image {name}")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"{name}.jpg")
    image._set_image_file_metadata()
    image.save()
    return image


@pytest.fixture
def big_show(django_capture_on_commit_callbacks):
    """An exhibition with a tour stop whose checklist we can grow from 10 to 100 works."""
    home = HomePage.objects.get()
    exhibition = ExhibitionPage(title="Viele", slug="viele")
    home.add_child(instance=exhibition)
    exhibition.sections.set(Section.objects.all())
    exhibition.save_revision().publish()
    stop = TourStop.objects.create(
        exhibition=exhibition,
        venue=Venue.objects.first(),
        slug="viele-2030",
        install_start=datetime.date(2030, 1, 1),
        opening=datetime.date(2030, 1, 10),
        closing=datetime.date(2030, 3, 1),
        deinstall_end=datetime.date(2030, 3, 10),
    )
    sections = list(Section.objects.all())

    def grow(to, image=None):
        """Up to `to` works, each published with its own photograph (or all with `image`)."""
        count = ChecklistEntry.objects.filter(tour_stop=stop).count()
        for i in range(count, to):
            with django_capture_on_commit_callbacks(execute=True):
                work = WorkPage(
                    title=f"Werk {i}",
                    title_zh_hans=f"作品{i}",
                    slug=f"werk-{i}",
                    inventory_number=f"T-{i:03d}",
                    section=sections[i % 2],
                    catalogue_number=i + 1,
                    caption=f"Testwerk Nummer {i}",
                    image=image or tiny_image(f"t{i}"),
                )
                exhibition.add_child(instance=work)
                work.save_revision().publish()
            ChecklistEntry.objects.create(
                tour_stop=stop, work=work, label_number=i + 1, sort_order=i
            )
        return stop

    return exhibition, grow


def queries_for(client, url):
    cache.clear()  # cold caches both times: Wagtail's rendition cache must not flatter either run
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


PAGES = [
    "/en/stops/viele-2030/",
    "/en/stops/viele-2030/?section=rhein",
    "/en/kiosk/viele-2030/",
    "/zh-hans/viele/",
    "/en/search/?q=Testwerk",
    "/en/search/?q=Rhein",
    "/zh-hans/search/?q=作品",
    "/en/kiosk/viele-2030/search/?q=Testwerk",
    "/de/viele/werk-5/",
    "/de/stops/viele-2030/6/",
    "/sitemap.xml",
    "/sitemap-pages-de.xml",
]


def test_query_count_is_the_same_for_10_and_100_works(client, big_show, settings):
    settings.LEPORELLO_PAGE_CACHE_SECONDS = 0  # measure the pages, not the cache
    _exhibition, grow = big_show
    grow(10)
    small = {url: queries_for(client, url) for url in PAGES}
    grow(100)
    renditions = CatalogueRendition.objects.count()
    large = {url: queries_for(client, url) for url in PAGES if "sitemap" not in url}
    assert large == {url: n for url, n in small.items() if "sitemap" not in url}
    # Every rendition a page shows was made at upload/publish time, none during these requests.
    assert CatalogueRendition.objects.count() == renditions


def test_query_count_and_page_weight_are_the_same_for_10_and_1000_works(
    client, big_show, settings, django_capture_on_commit_callbacks
):
    """1,000 works: the pages show one page of works (catalogue.paging) and read the same
    number of queries as with 10; none grows past 150 KB of HTML."""
    from exhibition.demo_scale import add_works

    settings.LEPORELLO_PAGE_CACHE_SECONDS = 0
    exhibition, grow = big_show
    with django_capture_on_commit_callbacks(execute=True):  # its renditions are made
        shared = tiny_image("shared")
    # One photograph for all (its renditions made once): the test stays quick.
    stop = grow(10, image=shared)
    small = {url: queries_for(client, url) for url in PAGES}
    add_works(exhibition, stop, 990, image=shared)
    assert ChecklistEntry.objects.filter(tour_stop=stop).count() == 1000
    # Besides the same pages: a work made in bulk, and a kiosk search that finds 990 of the stop's
    # works (their captions say "Rhein", as do the demo's, which the kiosk leaves out).
    kiosk_rhein = "/en/kiosk/viele-2030/search/?q=Rhein"
    large = {url: queries_for(client, url) for url in [*PAGES, "/de/viele/s-00500/", kiosk_rhein]}
    assert large.pop("/de/viele/s-00500/") == small["/de/viele/werk-5/"]
    assert large.pop(kiosk_rhein) == small["/en/kiosk/viele-2030/search/?q=Testwerk"]
    assert large == small
    for url in [*PAGES, kiosk_rhein, "/de/stops/viele-2030/1000/", "/sitemap-pages-en.xml?p=5"]:
        response = client.get(url)
        assert response.status_code == 200 and len(response.content) <= 150_000, url
    # The next works are one link away, with the query kept; the last page has no link.
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/en/search/?q=Rhein").content, "html.parser")
    more = page.select_one("a[rel=next]")
    assert more["href"] == "/en/search/?q=Rhein&page=2"
    assert "works found" in page.select_one(".results-heading").get_text()
    catalogue = BeautifulSoup(client.get("/en/stops/viele-2030/").content, "html.parser")
    assert len(catalogue.select(".work-grid > li")) == settings.LEPORELLO_PAGE_SIZE
    last = (1000 + settings.LEPORELLO_PAGE_SIZE - 1) // settings.LEPORELLO_PAGE_SIZE
    end = BeautifulSoup(client.get(f"/en/stops/viele-2030/?page={last}").content, "html.parser")
    assert end.select_one("a[rel=next]") is None and end.select_one("a[rel=prev]")
    assert "1000" in end.select(".label-chip")[-1].get_text()
    assert client.get(f"/en/stops/viele-2030/?page={last + 1}")["Location"] == (
        "/en/stops/viele-2030/"
    )
    # The work page reads its own checklist entry and neighbours: 500 of 1000, with 499 and 501.
    work = BeautifulSoup(client.get("/de/stops/viele-2030/500/").content, "html.parser")
    assert work.select_one("a[rel=prev]")["href"] == "/de/stops/viele-2030/499/"
    assert work.select_one("a[rel=next]")["href"] == "/de/stops/viele-2030/501/"
    assert "500" in work.select_one(".position").get_text()


def test_renditions_are_made_when_an_image_is_uploaded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = tiny_image("upload")
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(all_specs())


def test_work_page_picture_has_three_formats_sizes_and_no_layout_shift(client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get("/en/flusslandschaften/bl-r-05/").content, "html.parser")
    picture = page.select_one(".work-image picture")
    types = [s["type"] for s in picture.select("source")]
    assert types == ["image/avif", "image/webp"]
    img = picture.img
    assert img["loading"] == "eager" and img["width"] and img["height"]
    # The test photographs are 480 px wide: Wagtail makes every "width-…" rendition 480 px, so
    # one candidate per format, and `sizes` only with a srcset of widths (valid HTML).
    assert "srcset" not in img.attrs and "sizes" not in img.attrs
    assert all("," not in s["srcset"] and not s.get("sizes") for s in picture.select("source"))
    assert img["alt"].startswith("Placeholder: generated river landscape")
    thumbs = page.select(".counterpart img")
    assert all(t["loading"] == "lazy" for t in thumbs)


def test_anonymous_pages_are_cached_and_publishing_purges_them(
    client, django_capture_on_commit_callbacks
):
    url = "/en/flusslandschaften/bl-r-05/"
    first = client.get(url)
    assert first["X-Leporello-Cache"] == "miss"
    second = client.get(url)
    assert second["X-Leporello-Cache"] == "hit"
    assert second.content == first.content
    assert second["X-Frame-Options"] == first["X-Frame-Options"] == "DENY"
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    work.title_en = "The Rhine at Koblenz, Renamed"
    with django_capture_on_commit_callbacks(execute=True):  # the purge comes with the commit
        work.save_revision().publish()
    third = client.get(url)
    assert third["X-Leporello-Cache"] == "miss"
    assert "Renamed" in third.content.decode()
    stop_page = "/en/stops/duesseldorf-2024/"
    client.get(stop_page)
    assert client.get(stop_page)["X-Leporello-Cache"] == "hit"
    work.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        work.unpublish()
    assert "bl-r-05" not in client.get("/en/flusslandschaften/").content.decode()


def test_editors_with_a_session_never_get_cached_pages(client, curator):
    url = "/en/flusslandschaften/bl-r-05/"
    client.get(url)
    client.force_login(curator)
    assert "X-Leporello-Cache" not in client.get(url)


def test_make_renditions_command_fills_in_what_is_missing():
    from django.core.management import call_command

    image = WorkPage.objects.get(inventory_number="BL-R-05").image
    image.renditions.all().delete()
    call_command("make_renditions", verbosity=0, stdout=io.StringIO())
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(all_specs())
