"""Search keys: every way a visitor types a word folds to the key the index holds (no database)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from catalogue.search_highlight import could_be_pinyin, excerpt, highlight
from catalogue.search_keys import (
    fold,
    fold_map_for,
    index_terms,
    joined_pinyin,
    pinyin_terms,
    query_terms,
    to_simplified,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Köln", "koeln"),
        ("Koeln", "koeln"),
        ("KOELN", "koeln"),
        ("KÖLN", "koeln"),
        ("Ｋｏｅｌｎ", "koeln"),  # full-width, as some Chinese keyboards type
        ("Düsseldorf", "duesseldorf"),
        ("Duesseldorf", "duesseldorf"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Rüdesheim", "ruedesheim"),
        ("Cháng Jiāng", "chang jiang"),
        ("lǜ", "lue"),
        ("長江", "长江"),
        ("长江", "长江"),
        ("揚子江", "扬子江"),
        ("臺灣", "台湾"),
    ],
)
def test_every_spelling_folds_to_one_key(typed, key):
    assert fold(typed) == key


def test_traditional_query_gives_the_same_terms_as_simplified():
    assert query_terms("長江三峽") == query_terms("长江三峡") == ["长江", "江三", "三峡"]


def test_index_terms_fold_and_split_han_runs():
    assert index_terms("<p>Rhein bei Köln, 長江</p>").split() == [
        "rhein",
        "bei",
        "koeln,",
        "长",
        "江",
        "长江",
    ]


def test_query_terms_drop_operators_and_keep_at_most_twelve():
    assert query_terms("Rhein' OR 1=1; --") == ["rhein", "or", "1"]
    assert len(query_terms(" ".join(f"w{i}" for i in range(40)))) == 12
    assert query_terms("") == query_terms('"(((') == []


def test_pinyin_terms_hold_syllables_and_joined_runs():
    terms = pinyin_terms("<p>涪陵的長江，傍晚</p>")
    for word in ("chang", "jiang", "changjiang", "fuling", "fulingdechangjiang", "bangwan"):
        assert word in terms
    assert "changjiangbang" not in terms  # the comma ends the run
    assert pinyin_terms("Rhein bei Köln") == []
    assert joined_pinyin("重庆朝天门") == "chongqingchaotianmen"  # 重 and 朝 read in context


def test_pinyin_with_u_umlaut_is_indexed_in_both_spellings():
    terms = pinyin_terms("绿")
    assert "lue" in terms  # as fold("lǜ") or fold("lü") gives it
    assert "lv" in terms  # as typed on keyboards without ü


def test_fold_map_covers_the_traditional_forms_of_indexed_characters_only():
    mapping = fold_map_for(["涪陵的长江", "Köln"])
    assert mapping["長"] == "长"
    assert set(mapping.values()) <= set("涪陵的长江")
    assert "陽" not in mapping  # 阳 does not occur in the texts
    assert all(to_simplified(trad) == simp for trad, simp in mapping.items())


def test_could_be_pinyin_only_for_pinyin_shaped_words():
    assert could_be_pinyin("changjiang") and could_be_pinyin("chongqingchaotianmen")
    assert not could_be_pinyin("koeln") and not could_be_pinyin("koblenz")


def test_highlight_marks_folded_matches_in_the_original_spelling():
    assert highlight("Rhein bei Köln, Abend", query_terms("Koeln")) == (
        "Rhein bei <mark>Köln</mark>, Abend"
    )
    assert (
        highlight("科隆的莱茵河，傍晚", query_terms("萊茵河")) == "科隆的<mark>莱茵河</mark>，傍晚"
    )
    assert (
        highlight("涪陵的长江，傍晚", query_terms("changjiang")) == "涪陵的<mark>长江</mark>，傍晚"
    )
    assert highlight("涪陵的长江，傍晚", query_terms("Fú Líng")) == "<mark>涪陵</mark>的长江，傍晚"
    # Spaced syllables are marked where they spell a word together, not one by one elsewhere.
    assert highlight("宜昌的长江", query_terms("Cháng Jiāng")) == "宜昌的<mark>长江</mark>"
    # A Latin word is marked where a word starts, not inside another word.
    assert highlight("Abendrot am Rhein", ["rhein"]) == "Abendrot am <mark>Rhein</mark>"
    assert highlight("Grhein", ["rhein"]) == "Grhein"


def test_highlight_escapes_hostile_text():
    html = highlight('<script>alert("Köln")</script> & <b>', query_terms("koeln"))
    assert "<script>" not in html and "<b>" not in html
    assert html == (
        "&lt;script&gt;alert(&quot;<mark>Köln</mark>&quot;)&lt;/script&gt; &amp; &lt;b&gt;"
    )
    assert highlight("<mark>x</mark>", query_terms("mark")) == (
        "&lt;<mark>mark</mark>&gt;x&lt;/<mark>mark</mark>&gt;"
    )


def test_excerpt_cuts_around_the_first_match_and_strips_markup():
    text = "<p>" + "Wasser " * 20 + "bis <em>Düsseldorf</em> und weiter " * 3 + "</p>"
    html = excerpt(text, query_terms("duesseldorf"), before=10, after=30)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>Düsseldorf</mark>" in html and "<em>" not in html
    assert excerpt(text, query_terms("Köln")) == ""


JS_CASES = [
    "Köln",
    "KOELN Straße",
    "Ｋｏｅｌｎ",
    "Cháng Jiāng",
    "長江三峽的船",
    "BL-R-05",
    "Rhein' OR 1=1; --",
    "lǜ 绿",
    "𠀀𠀁 x",
    "x" * 300,
    "a b c d e f g h i j k l m n",
]


def test_the_browser_fold_gives_the_same_terms_as_python():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (make viewer installs it)")
    mapping = fold_map_for(["长江三峡的船", "绿"])
    script = (
        f"const k = require({json.dumps(str(ROOT / 'static/js/search-keys.js'))});"
        f"const map = {json.dumps(mapping)};"
        f"const cases = {json.dumps(JS_CASES)};"
        "console.log(JSON.stringify(cases.map(c => [k.fold(c, map), k.queryTerms(c, map)])));"
    )
    out = subprocess.run(  # noqa: S603  (node with our own script)
        [node, "-e", script], capture_output=True, text=True, check=True, timeout=60
    )
    expected = [[fold(case), query_terms(case)] for case in JS_CASES]
    assert json.loads(out.stdout) == expected
