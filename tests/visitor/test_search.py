"""Search in three languages, Chinese included, on SQLite and PostgreSQL; odd queries are harmless."""

import pytest
from bs4 import BeautifulSoup

from catalogue.models import WorkPage
from catalogue.search import index_terms, query_terms
from exhibition.models import ChecklistEntry
from tests.badinput import bad_input_dir
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, demo_texts, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works with their titles, captions and places (one shared picture)."""
    return rhine_and_yangtze_tour(ALL_24, image=ImageFactory(), **demo_texts())


def result_links(client, lang, query, path="/{lang}/search/"):
    response = client.get(path.format(lang=lang), {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in page.select(".search-results a")]


def test_han_text_is_indexed_as_characters_and_bigrams_and_queried_as_bigrams():
    assert index_terms("河流风景").split() == ["河", "流", "风", "景", "河流", "流风", "风景"]
    assert query_terms("风景") == ["风景"]
    assert query_terms("河流风景") == ["河流", "流风", "风景"]
    assert query_terms("Rhein 风景, BL-R-05") == ["rhein", "风景", "bl", "r", "05"]


def test_a_chinese_word_inside_a_longer_caption_finds_the_work(client):
    work = WorkPage.objects.get(inventory_number="BL-J-03")
    assert "河流风景" in work.caption_zh_hans
    links = result_links(client, "zh-hans", "风景")
    assert "/zh-hans/flusslandschaften/bl-j-03/" in links


def test_a_chinese_title_word_finds_only_matching_works(client):
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    assert "科布伦茨" in work.title_zh_hans
    links = result_links(client, "zh-hans", "科布伦茨")
    assert "/zh-hans/flusslandschaften/bl-r-05/" in links
    assert len(links) < 24


@pytest.mark.parametrize(
    ("lang", "query"),
    [("de", "Koblenz Mittag"), ("en", "Koblenz noon"), ("en", "BL-R-05"), ("de", "koblenz")],
)
def test_latin_words_and_inventory_numbers(client, lang, query):
    assert f"/{lang}/flusslandschaften/bl-r-05/" in result_links(client, lang, query)


def test_search_finds_texts_in_other_languages_too(client):
    # A German visitor typing the English title still finds the work.
    assert "/de/flusslandschaften/bl-r-05/" in result_links(client, "de", "The Rhine at Koblenz")


def test_a_newly_published_caption_is_found_and_an_unpublished_work_is_not(client):
    work = WorkPage.objects.get(inventory_number="BL-R-07")
    work.caption_zh_hans = "一条安静的支流在晨雾中"
    work.save_revision().publish()
    assert "/zh-hans/flusslandschaften/bl-r-07/" in result_links(client, "zh-hans", "晨雾")
    work.refresh_from_db()
    work.unpublish()
    assert result_links(client, "zh-hans", "晨雾") == []


def test_kiosk_search_stays_in_the_stop(client):
    entry = ChecklistEntry.objects.get(
        tour_stop__slug="chongqing-2024", work__inventory_number="BL-J-03"
    )
    links = result_links(client, "zh-hans", "风景", path="/{lang}/kiosk/chongqing-2024/search/")
    assert f"/zh-hans/kiosk/chongqing-2024/{entry.label_number}/" in links
    assert all(link.startswith("/zh-hans/kiosk/chongqing-2024/") for link in links)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        '"unclosed quote',
        "Rhein' OR 1=1; --",
        "'; DROP TABLE wagtailcore_page; --",
        "NEAR(a b) AND OR NOT *",
        "🌊🏞️",
        "x" * 2000,
        "风景 " * 700,
        "\x00\x01",
        "%_%",
        "(((",
    ],
)
def test_odd_queries_give_a_normal_results_page(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<h1>Search the works</h1>" in response.content.decode()
    assert WorkPage.objects.live().count() == 24


def test_queries_from_the_bad_input_corpus(client):
    folder = bad_input_dir()
    if folder is None:
        pytest.skip("no shared bad-input corpus")
    for path in sorted(folder.glob("*.csv")):
        for line in path.read_text(errors="replace").splitlines()[:20]:
            assert client.get("/de/search/", {"q": line}).status_code == 200
