"""A photograph that cannot be read never takes a public page down (issue 12): every page that
shows it answers 200 with a placeholder carrying the image's alt text, and the reason is logged."""

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import translation

from catalogue.models import WorkPage
from exhibition.models import ChecklistEntry
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, demo_texts, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works with their texts (a search for Koblenz finds BL-R-05) on one shared
    picture, but BL-R-05 on a picture of its own (the one made unreadable) with the demo's alt
    text."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory(), **demo_texts())
    koblenz = tour.works["BL-R-05"]
    koblenz.image = ImageFactory(
        alt_text_de="Platzhalterbild: generierte Flusslandschaft, Koblenz",
        alt_text_zh_hans="占位图：生成的河流风景，科布伦茨",
    )
    koblenz.save_revision().publish()
    return tour


SLUG = "bl-r-05"


@pytest.fixture
def unreadable_work():
    """The demo work bl-r-05 with its image file overwritten by garbage and no renditions."""
    work = WorkPage.objects.get(slug=SLUG)
    image = work.image
    path = Path(image.file.path)
    kept = path.read_bytes()  # the file lives outside the test's transaction: put it back after
    path.write_bytes(b"\xff\xd8\xff\xe0 this is no longer a photograph")
    for rendition in image.renditions.all():
        rendition.delete()
    cache.clear()
    yield work
    path.write_bytes(kept)


def public_urls(work):
    entries = ChecklistEntry.objects.filter(work=work).select_related("tour_stop")
    assert entries, "the demo hangs bl-r-05 at some stop"
    urls = ["/flusslandschaften/bl-r-05/", "/flusslandschaften/", "/search/?q=Koblenz"]
    for entry in entries:
        stop = entry.tour_stop.slug
        urls += [
            f"/stops/{stop}/",
            f"/stops/{stop}/{entry.label_number}/",
            f"/kiosk/{stop}/",
            f"/kiosk/{stop}/{entry.label_number}/",
            f"/kiosk/{stop}/search/?q=Koblenz",
        ]
    return urls


@pytest.mark.parametrize("lang", ["de", "zh-hans"])
def test_no_public_page_answers_500_when_one_image_cannot_be_read(
    client, unreadable_work, lang, caplog
):
    caplog.set_level(logging.WARNING)
    for url in public_urls(unreadable_work):
        response = client.get(f"/{lang}{url}")
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select(".picture-missing"), url
    assert any("placeholder" in record.getMessage() for record in caplog.records)
    # The work's own page: the placeholder is announced with the image's alt text.
    page = BeautifulSoup(client.get(f"/{lang}/flusslandschaften/bl-r-05/").content, "html.parser")
    main = page.select_one(".work-image .picture-missing")
    assert main["role"] == "img"
    with translation.override(lang):
        alt = str(unreadable_work.image.default_alt_text)
    assert alt.startswith(("Platzhalter", "占位图"))
    assert main["aria-label"] == alt == main.get_text(strip=True)


def test_other_works_keep_their_pictures(client, unreadable_work):
    page = BeautifulSoup(client.get("/de/flusslandschaften/").content, "html.parser")
    assert len(page.select(".work-grid picture")) == 23
    assert len(page.select(".work-grid .picture-missing")) == 1
