"""Rich text is sanitised on every save, not only in Draftail (issue 10, reproduction 2).

Snippets saved in code (commands, load_demo, an API), page revisions written without the editor,
and text that was stored before sanitising existed (shown sanitised again on the public page).
"""

import re

import pytest
from wagtail.models import Revision

from catalogue.models import Photographer, WorkPage
from exhibition.models import ExhibitionPage
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

from ..badinput import bad_input

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-R-01",))


DANGEROUS = re.compile(
    r"<script(?! src=\"/static/| type=\"application/ld\+json\")|onerror|onclick|javascript:|file:|<iframe|<object|<svg|<style|style=|rel=\"attachment",
    re.I,
)


def attacks():
    lines = bad_input("rich-text-attacks.txt").read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def photographer():
    return ExhibitionPage.objects.get(slug="flusslandschaften").photographer


@pytest.mark.parametrize("attack", attacks())
def test_a_snippet_saved_in_code_stores_no_attack(attack):
    person = photographer()
    person.biography_en = f"<p>Bio</p>{attack}"
    person.save()
    stored = Photographer.objects.get(pk=person.pk).biography_en
    assert stored.startswith("<p>Bio</p>")
    assert not DANGEROUS.search(stored), stored


def test_a_page_revision_written_without_the_editor_is_sanitised():
    page = ExhibitionPage.objects.get(slug="flusslandschaften")
    page.introduction_en = '<h2>Ok</h2><p onclick="alert(1)">x</p><script>alert(1)</script>'
    revision = page.save_revision()
    content = Revision.objects.get(pk=revision.pk).content
    assert content["introduction_en"] == "<h2>Ok</h2><p>x</p>"
    assert revision.as_object().introduction_en == "<h2>Ok</h2><p>x</p>"


def test_what_draftail_stores_is_kept_as_it_is():
    """Draftail's block keys (anchors of comments) and its link form survive unchanged."""
    html = '<p data-block-key="a1b2c">Text <b>bold</b> <a href="https://example.org/">link</a></p>'
    person = photographer()
    person.biography_en = html
    person.save()
    assert Photographer.objects.get(pk=person.pk).biography_en == html


def test_the_fields_own_features_decide():
    """A work's description offers lists; a biography does not."""
    work = WorkPage.objects.filter(inventory_number__isnull=False).first()
    work.description_en = "<ul><li>one</li></ul><h2>title</h2>"
    work.save()
    assert WorkPage.objects.get(pk=work.pk).description_en == "<ul><li>one</li></ul>title"
    person = photographer()
    person.biography_en = "<ul><li>one</li></ul><b>bold</b>"
    person.save()
    assert Photographer.objects.get(pk=person.pk).biography_en == "one<b>bold</b>"


def test_wagtail_link_and_embed_forms_survive_and_render(client):
    page = ExhibitionPage.objects.get(slug="flusslandschaften")
    home = page.get_parent()
    html = f'<p>Back to <a linktype="page" id="{home.pk}">the start</a>.</p>'
    page.introduction_en = html
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.introduction_en == html
    body = client.get("/en/flusslandschaften/").content.decode()
    assert re.search(r'<a href="/en/">the start</a>', body)


def test_text_written_around_the_model_is_sanitised_when_shown(client):
    """QuerySet.update() skips signals (and so did every save before this fix)."""
    person = photographer()
    Photographer.objects.filter(pk=person.pk).update(
        biography_en='<p>Bio</p><img src=x onerror=alert(1)><script>alert(1)</script><a href="javascript:alert(1)">x</a>'
    )
    body = client.get("/en/flusslandschaften/").content.decode()
    assert "<p>Bio</p>" in body
    assert not DANGEROUS.search(body)


def test_load_demo_texts_pass_the_same_gate(monkeypatch):
    """load_demo builds with Model.save(): an attack in the demo data would be stripped too."""
    from exhibition import demo_data
    from exhibition.demo import DemoBuilder

    Photographer.objects.update(sort_name="Someone else")  # so the builder makes a new one
    biography = dict(demo_data.PHOTOGRAPHER["biography"])
    biography["en"] = "<p>Bio</p><script>alert(1)</script>"
    monkeypatch.setitem(demo_data.PHOTOGRAPHER, "biography", biography)
    made = DemoBuilder().photographer()
    assert Photographer.objects.get(pk=made.pk).biography_en == "<p>Bio</p>"
