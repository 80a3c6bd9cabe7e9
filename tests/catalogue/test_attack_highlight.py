"""Search excerpts of rich text (visitor search, catalogue/search_highlight.py): entities such as
&amp; are shown as the character, once escaped, and markup in a text stays text."""

from catalogue.search_highlight import excerpt, highlight
from catalogue.search_keys import query_terms


def test_excerpt_of_rich_text_shows_an_ampersand_once_escaped():
    html = excerpt("<p>Tom &amp; Jerry &lt;b&gt; in Köln</p>", query_terms("Köln"))
    assert html == "Tom &amp; Jerry &lt;b&gt; in <mark>Köln</mark>"


def test_excerpt_keeps_encoded_markup_as_text():
    html = excerpt("<p>&lt;script&gt;alert(1)&lt;/script&gt; Köln</p>", query_terms("Köln"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_highlight_of_a_hostile_title_is_text():
    html = highlight('</script><img src=x onerror="alert(1)"> Köln', query_terms("Köln"))
    assert "<img" not in html and "</script>" not in html
    assert html.endswith("<mark>Köln</mark>")
