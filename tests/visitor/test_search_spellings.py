"""Search finds what visitors type: traditional characters, German without umlauts, Pinyin with or
without tones; exact titles first; the searched words marked and hostile text kept as text.
Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from bs4 import BeautifulSoup

from catalogue.models import WorkPage
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, demo_texts, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works with their titles, captions and places (one shared picture)."""
    return rhine_and_yangtze_tour(ALL_24, image=ImageFactory(), **demo_texts())


def results(client, lang, query, path="/{lang}/search/"):
    """[(link, title element, snippet element or None)] of a results page, in order."""
    response = client.get(path.format(lang=lang), {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [
        (li.a["href"], li.select_one(".work-title"), li.select_one(".search-snippet"))
        for li in page.select(".search-results li")
    ]


def links(client, lang, query, **kwargs):
    return [link for link, _title, _snippet in results(client, lang, query, **kwargs)]


def publish(work, **fields):
    for name, value in fields.items():
        setattr(work, name, value)
    work.save_revision().publish()


@pytest.mark.parametrize("lang", ["zh-hans", "de"])
def test_traditional_characters_find_the_same_works_as_simplified(client, lang):
    simplified = links(client, lang, "长江")
    assert len(simplified) == 12
    assert links(client, lang, "長江") == simplified
    assert sorted(links(client, lang, "萊茵河")) == sorted(links(client, lang, "莱茵河"))
    assert len(links(client, lang, "萊茵河")) == 12
    # A word inside a caption, typed the traditional way (河流風景 for 河流风景).
    assert len(links(client, lang, "河流風景")) == 24


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Duesseldorf", "bl-r-01"),
        ("Düsseldorf", "bl-r-01"),
        ("DUESSELDORF", "bl-r-01"),
        ("Koeln", "bl-r-03"),
        ("Köln", "bl-r-03"),
        ("KOELN", "bl-r-03"),
        ("koeln", "bl-r-03"),
        ("Ruedesheim", "bl-r-08"),
    ],
)
def test_german_typed_without_umlauts_finds_the_work(client, query, slug):
    assert f"/de/flusslandschaften/{slug}/" in links(client, "de", query)


@pytest.mark.parametrize(
    "query", ["changjiang", "chang jiang", "Cháng Jiāng", "ChangJiang", "Chángjiāng"]
)
def test_pinyin_with_or_without_tones_and_spaces_finds_the_chinese_titles(client, query):
    # No German or English text says "changjiang": only the Pinyin of 长江 can find these.
    assert sorted(links(client, "zh-hans", query)) == sorted(links(client, "zh-hans", "长江"))


@pytest.mark.parametrize(
    ("query", "slug"),
    [("qutangxia", "bl-j-06"), ("Qútáng Xiá", "bl-j-06"), ("chongqingchaotianmen", "bl-j-01")],
)
def test_a_place_in_pinyin_finds_its_work(client, query, slug):
    assert links(client, "de", query) == [f"/de/flusslandschaften/{slug}/"]


def test_exact_title_first_then_title_matches_then_other_fields(client):
    publish(WorkPage.objects.get(inventory_number="BL-J-05"), title_de="Köln")
    caption = WorkPage.objects.get(inventory_number="BL-J-07")
    publish(caption, caption_de=f"{caption.caption_de} Wie am Rhein bei Köln.")
    found = links(client, "de", "Koeln")
    assert found == [
        "/de/flusslandschaften/bl-j-05/",  # the title is "Köln"
        "/de/flusslandschaften/bl-r-03/",  # "Rhein bei Köln, …"
        "/de/flusslandschaften/bl-j-07/",  # only its caption mentions Köln
    ]


def test_searched_words_are_marked_in_the_visitors_language(client):
    (_link, title, snippet), *_ = results(client, "de", "Koeln")
    assert str(title.mark) == "<mark>Köln</mark>" and snippet is None
    for query in ("長江", "changjiang"):
        for _link, title, _snippet in results(client, "zh-hans", query):
            assert title.mark.string == "长江"
    _link, title, _snippet = results(client, "zh-hans", "qutangxia")[0]
    assert title.mark.string == "瞿塘峡"


def test_a_match_in_another_language_is_shown_marked_with_its_language(client):
    # A German visitor typing Chinese sees the German title and the Chinese text that matched.
    for _link, title, snippet in results(client, "de", "長江"):
        assert title.mark is None and title.get("lang") is None
        assert snippet["lang"] == "zh-Hans" and snippet.mark.string == "长江"


def test_hostile_text_in_a_title_stays_text(client):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> Köln & <mark>"
    publish(WorkPage.objects.get(inventory_number="BL-R-03"), title_de=hostile)
    response = client.get("/de/search/", {"q": "Koeln"})
    body = response.content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    title = BeautifulSoup(body, "html.parser").select_one(".search-results .work-title")
    assert [str(m) for m in title.find_all("mark")] == ["<mark>Köln</mark>"]
    assert title.get_text() == hostile


@pytest.mark.parametrize(
    "query",
    [
        "<mark>Köln</mark>",
        "<script>alert(1)</script>",
        '長江" onmouseover="x',
        "ｃｈａｎｇ　ｊｉａｎｇ",
    ],
)
def test_hostile_queries_give_a_normal_page_with_the_query_as_text(client, query):
    response = client.get("/de/search/", {"q": query})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in body and "<mark>Köln</mark></" not in body
    assert BeautifulSoup(body, "html.parser").select_one("#q")["value"] == query


def test_kiosk_search_with_traditional_characters_stays_in_the_stop(client):
    path = "/{lang}/kiosk/chongqing-2024/search/"
    found = links(client, "zh-hans", "長江", path=path)
    assert found and found == links(client, "zh-hans", "长江", path=path)
    assert all(link.startswith("/zh-hans/kiosk/chongqing-2024/") for link in found)
