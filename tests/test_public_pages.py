"""What a visitor sees: every page in three languages, with the right lang attributes."""

import re

import pytest
from bs4 import BeautifulSoup

from catalogue.models import WorkPage
from exhibition.models.registrar import WorkLoan
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.logistics import loans
from tests.factories.pages import trilingual
from tests.factories.trees import ALL_24, leave_out_english, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]

WORK = "/{lang}/flusslandschaften/bl-r-05/"


@module_data
def tour():
    """The demo's 24 works (one shared picture), each on loan; BL-R-05 with its demo titles and
    size and, as in the demo, no English texts."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory())
    loans(tour.works.values())
    koblenz = tour.works["BL-R-05"]
    for field, value in trilingual(
        "title", "Rhein bei Koblenz, Mittag", "科布伦茨的莱茵河，正午", "The Rhine at Koblenz, Noon"
    ).items():
        setattr(koblenz, field, value)
    koblenz.image_width_mm, koblenz.image_height_mm = 600, 400
    koblenz.save_revision().publish()
    leave_out_english(tour, ["BL-R-05"])
    return tour


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("lang", "html_lang", "title"),
    [
        ("de", "de", "Rhein bei Koblenz, Mittag"),
        ("zh-hans", "zh-Hans", "科布伦茨的莱茵河，正午"),
        ("en", "en", "The Rhine at Koblenz, Noon"),
    ],
)
def test_work_page_in_each_language(client, lang, html_lang, title):
    response = client.get(WORK.format(lang=lang))
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == html_lang
    assert page.h1.get_text(strip=True) == title
    assert "600 × 400 mm" in page.get_text()


@pytest.mark.parametrize("lang", ["de", "zh-hans", "en"])
def test_exhibition_page_in_each_language(client, lang):
    response = client.get(f"/{lang}/flusslandschaften/")
    assert response.status_code == 200
    page = soup(response)
    links = {a["href"] for a in page.select(".work-grid a")}
    assert len(links) == 24
    assert all(href.startswith(f"/{lang}/flusslandschaften/") for href in links)


def test_missing_english_text_falls_back_with_its_own_lang_and_a_note(client):
    page = soup(client.get(WORK.format(lang="en")))
    caption = page.select_one(".caption")
    assert caption["lang"] == "de"
    assert caption.select_one(".fallback-note")["lang"] == "en"


def test_chinese_text_on_a_german_page_carries_its_lang(client):
    page = soup(client.get(WORK.format(lang="de")))
    switcher = {a.get_text(strip=True): a for a in page.select(".language-switcher a")}
    assert switcher["简体中文"]["lang"] == "zh-Hans"
    assert switcher["Deutsch"].get("aria-current") == "true"


def test_language_switcher_keeps_the_visitor_on_the_same_work(client):
    page = soup(client.get(WORK.format(lang="de")))
    hrefs = [a["href"] for a in page.select(".language-switcher a")]
    assert hrefs == [WORK.format(lang=code) for code in ("de", "zh-hans", "en")]
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["zh-Hans"].endswith(WORK.format(lang="zh-hans"))


def test_root_redirects_by_accept_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")["Location"] == "/en/"
    # A language Leporello does not offer reads English, not German (issue 16).
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/en/"


def test_a_chosen_language_is_remembered_over_accept_language(client):
    client.get(WORK.format(lang="en"))  # the visitor picked English in the switcher
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response["Location"] == "/en/"


def test_unknown_page_is_a_404_in_the_visitors_language(client):
    response = client.get("/zh-hans/flusslandschaften/no-such-work/")
    assert response.status_code == 404
    assert soup(response).html["lang"] == "zh-Hans"


def test_draft_work_is_not_public(client):
    work = WorkPage.objects.get(inventory_number="BL-R-06")
    work.unpublish()
    assert client.get("/de/flusslandschaften/bl-r-06/").status_code == 404
    assert "/bl-r-06/" not in client.get("/de/flusslandschaften/").content.decode()


def test_private_registrar_values_never_reach_public_pages(client):
    loans = list(WorkLoan.objects.select_related("lender"))
    private = {loan.lender.name for loan in loans} | {loan.notes for loan in loans}
    urls = ["/de/", "/zh-hans/", "/en/"] + [
        f"/{lang}/flusslandschaften/{suffix}"
        for lang in ("de", "zh-hans", "en")
        for suffix in ["", *[f"{w.slug}/" for w in WorkPage.objects.live()]]
    ]
    for url in urls:
        html = client.get(url).content.decode()
        for value in private:
            assert value not in html, (url, value)
        for loan in loans:
            amount = f"{loan.insurance_value:.2f}"
            assert not re.search(rf"\b{re.escape(amount)}\b", html), (url, amount)


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("de", ["Jahr", "Ort", "Technik", "Bildmaß", "Inventarnummer"]),
        ("zh-hans", ["年份", "地点", "材质", "图像尺寸", "藏品编号"]),
        ("en", ["Year", "Place", "Medium", "Image size", "Inventory number"]),
    ],
)
def test_interface_text_is_in_the_visitors_language(client, lang, labels):
    page = soup(client.get(WORK.format(lang=lang)))
    assert [dt.get_text(strip=True) for dt in page.select(".facts dt")][:2] == labels[:2]
    text = page.get_text()
    assert all(label in text for label in labels)
    if lang != "en":
        assert "Inventory number" not in text and "Skip to content" not in text
