"""Issue 10, reproduction 2 (and 1 end to end): rich text from a translation file is sanitised.

A translator's file (XLSX, CSV, XLIFF) is the way in; the public page, the admin preview of the
import and the catalogue PDF are where an attack would land.
"""

import contextlib
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from catalogue.models import Photographer
from exhibition.models import ExhibitionPage
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour
from tests.printing import pdftools
from translations.roundtrip import apply_plan, plan_import, read_file

from .helpers import export_bytes, export_command, fill_csv, fill_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The exhibition `flusslandschaften` with its photographer and two works (one picture)."""
    return rhine_and_yangtze_tour(("BL-R-01", "BL-J-01"), image=ImageFactory())


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STORED_SCRIPT = (
    "<p>Geboren in Köln.</p><img src=x onerror=alert(1)><script>alert(document.cookie)</script>"
)
# What must never reach a visitor's browser or a PDF.
DANGEROUS = re.compile(
    r"<script(?! src=\"/static/| type=\"application/ld\+json\")|onerror|onclick|javascript:|<img src=\"?x|file:|<iframe|<object",
    re.I,
)


def exhibition():
    return ExhibitionPage.objects.get(slug="flusslandschaften")


def biography_key():
    return f"photographer:{exhibition().photographer_id}"


def test_script_in_a_photographers_biography_from_an_xlsx_import_never_runs_on_the_exhibition_page(
    client_for, curator, client
):
    """The reported attack: a snippet needs no publish step, so the file's text is live at once."""
    filled = fill_xlsx(
        export_bytes("xlsx", languages=("en",)), {biography_key(): {"biography_en": STORED_SCRIPT}}
    )
    admin = client_for(curator)
    preview = admin.post(
        reverse("translations:import"),
        {"file": SimpleUploadedFile("en.xlsx", filled, content_type=XLSX)},
    )
    html = preview.content.decode()
    # The curator sees what the sanitiser takes out, before anything is applied.
    removed = re.search(r'class="[^"]*import-removed[^"]*">(.*?)</p>', html, re.S)
    assert removed, "the preview lists the removed markup"
    assert "&lt;script&gt;" in removed[1] and "&lt;img&gt;" in removed[1]
    assert "<script>alert" not in html  # the preview itself shows the text escaped
    admin.post(reverse("translations:import"), {"token": preview.context["token"]})
    admin.logout()

    stored = Photographer.objects.get(pk=exhibition().photographer_id).biography_en
    assert stored == "<p>Geboren in Köln.</p>"
    page = client.get("/en/flusslandschaften/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Geboren in Köln." in body
    assert not DANGEROUS.search(body)


def test_every_attack_of_the_corpus_is_stripped_from_a_csv_import(bad_input_lines):
    data = export_bytes("csv", languages=("en",))
    filled = fill_csv(
        data, {biography_key(): {"biography_en": "<p>Ok.</p>" + "".join(bad_input_lines)}}
    )
    plan = plan_import(read_file(filled, "en.csv"))
    assert plan.ok, plan.problems
    [change] = [c for row in plan.applicable for c in row.changes]
    assert not DANGEROUS.search(change.new)
    for item in ("<script>", "<img>", "href=javascript: (<a>)", "onclick (<p>)",
                 "<svg>", "<iframe>", "rel (<a>)", "href=file: (<a>)", "<style>",
                 "style (<p>)", "<object>"):  # fmt: skip
        assert item in change.removed
    apply_plan(plan)
    assert not DANGEROUS.search(
        Photographer.objects.get(pk=exhibition().photographer_id).biography_en
    )


def test_exhibition_introduction_from_xliff_is_sanitised_in_the_draft_and_on_the_page(
    tmp_path, client, make_user
):
    """XLIFF carries rich text as inline codes: markup a CAT tool (or an attacker) types into a
    target, escaped or as foreign elements, never becomes markup in the CMS."""
    path = tmp_path / "en.xlf"
    text = export_command(path, "--languages", "en", "--format", "xliff20")
    key = f"exhibitionpage:{exhibition().pk}"
    group = re.search(rf'<group [^>]*name="{key}">.*?</group>', text, re.S)
    assert group, "the export holds the exhibition"
    unit = re.search(r'<unit [^>]*name="introduction">.*?</unit>', group[0], re.S)
    attack = (
        'Intro &lt;img src=x onerror=alert(1)&gt;&lt;a rel="attachment" '
        'href="file:///etc/passwd"&gt;x&lt;/a&gt;'
        '<img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert(1)"/>'
    )
    new_unit = re.sub(
        r"<target[^>]*>.*?</target>", f"<target>{attack}</target>", unit[0], flags=re.S
    )
    if "<target" not in unit[0]:
        new_unit = unit[0].replace("</source>", f"</source>\n<target>{attack}</target>")
    path.write_text(text.replace(unit[0], new_unit))
    out = io.StringIO()
    make_user("importer", "Curator")
    with contextlib.suppress(CommandError):  # refused whole is as safe as cleaned: nothing written
        call_command("import_translations", str(path), "--user", "importer", stdout=out)
    page = exhibition()
    draft = page.get_latest_revision_as_object()
    stored = BeautifulSoup(draft.introduction_en or "", "html.parser")
    assert not stored.find_all(["img", "script", "iframe", "object"])
    assert not any(
        name.startswith("on") or "file:" in str(value)
        for tag in stored.find_all(True)
        for name, value in tag.attrs.items()
    )
    draft.save_revision().publish()
    body = BeautifulSoup(client.get("/en/flusslandschaften/").content, "html.parser")
    for tag in body.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag
        assert str(tag.get("src", "")) != "x", tag
        assert "file:" not in str(tag.get("href", "")), tag


def test_catalogue_printed_after_an_attack_import_has_no_attachment(bad_input_lines):
    """Reproduction 1 end to end: file import → publish → print; pdfdetach lists nothing."""
    data = export_bytes("csv", languages=("en",))
    key = f"exhibitionpage:{exhibition().pk}"
    filled = fill_csv(data, {key: {"introduction_en": "<p>Intro.</p>" + "".join(bad_input_lines)}})
    plan = plan_import(read_file(filled, "en.csv"))
    assert plan.ok, plan.problems
    apply_plan(plan)
    page = exhibition()
    page.get_latest_revision_as_object().save_revision().publish()
    page = exhibition()
    assert not DANGEROUS.search(page.introduction_en)
    pdf = make_printed_catalogue(
        page,
        None,
        PrintedCatalogueOptions(languages=["en"], placeholders=True, allow_low_resolution=True),
    ).pdf
    listed = pdftools.attachment_list(pdf)
    assert listed.startswith("0 embedded files")


def test_a_cell_of_nothing_but_forbidden_markup_is_refused_with_a_message():
    data = export_bytes("csv", languages=("en",))
    filled = fill_csv(data, {biography_key(): {"biography_en": "<script>alert(1)</script>"}})
    plan = plan_import(read_file(filled, "en.csv"))
    assert not plan.ok
    assert any("only markup this field does not allow (<script>)" in str(p) for p in plan.problems)


def test_wagtail_links_survive_the_import():
    data = export_bytes("csv", languages=("en",))
    text = '<p>See <a linktype="page" id="3">the home page</a> and <a href="https://example.org/">this</a>.</p>'
    filled = fill_csv(data, {biography_key(): {"biography_en": text}})
    plan = plan_import(read_file(filled, "en.csv"))
    [change] = [c for row in plan.applicable for c in row.changes]
    assert change.new == text and change.removed == []


@pytest.fixture
def bad_input_lines():
    from ..badinput import bad_input

    lines = bad_input("rich-text-attacks.txt").read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]
