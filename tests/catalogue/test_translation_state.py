"""One translation state machine: the Works list, the dashboards, print and the public site
agree on every work in every language (catalogue.models.translation_state)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from catalogue.languages import LANGUAGE_CODES
from catalogue.models import TranslationStatus, WorkPage
from catalogue.models.translation_state import (
    STATE_CHOICES,
    UNPUBLISHED,
    object_state,
    print_state,
)
from catalogue.translation_status import sync_status
from printing.texts import TextGate
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import leave_out_english, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Five of the demo's works (one shared picture); BL-R-05 and BL-J-03 lack English."""
    numbers = ("BL-R-02", "BL-R-03", "BL-R-05", "BL-J-01", "BL-J-03")
    tour = rhine_and_yangtze_tour(numbers, image=ImageFactory())
    leave_out_english(tour, ["BL-R-05", "BL-J-03"])
    return tour


S = TranslationStatus.Status
TARGETS = [code for code in LANGUAGE_CODES if code != "de"]
ENGLISH_CAPTION = "The Rhine at dusk, seen from the bridge."


def work(number):
    return WorkPage.objects.get(inventory_number=number)


def translator_saves_english_draft(user):
    """A translator fills in the missing English texts and saves a draft (no publish right)."""
    page = work("BL-R-05")
    draft = page.get_latest_revision_as_object()
    draft.caption_en = ENGLISH_CAPTION
    draft.medium_en = "Archival pigment print"
    draft.credit_line_en = "Lent by the artist"
    draft.save_revision(user=user)
    return page


def listed(client, language, state):
    response = client.get(reverse("works:index"), {"translation_state": f"{language}:{state}"})
    assert response.status_code == 200
    return {p.specific.inventory_number for p in response.context["object_list"]}


def dashboard_states(client, language):
    """{inventory number: (worst open status or approved, waiting to be published)} of the works
    as the translation dashboard shows them (works without a row there are all approved)."""
    response = client.get(reverse("translations:dashboard"), {"language": language})
    states = {w.inventory_number: (S.APPROVED, False) for w in WorkPage.objects.all()}
    keys = {f"work:{number}": number for number in states}
    for row in response.context["work_left"]:
        if row["key"] not in keys:
            continue
        (counts,) = row["languages"]
        worst = next(
            (s for s in (S.MISSING, S.DRAFT, S.NEEDS_REVIEW) if counts[s]),
            S.APPROVED,
        )
        states[keys[row["key"]]] = (worst, counts["unpublished"] > 0)
    return states


@pytest.fixture
def demo_with_drafts(translator):
    translator_saves_english_draft(translator)
    machine = work("BL-J-01")  # a machine draft in Chinese, published by nobody
    sync_status(machine, explicit={("caption", "zh-hans"): S.DRAFT})
    reviewed = work("BL-R-02")
    sync_status(reviewed, explicit={("medium", "en"): S.NEEDS_REVIEW})


def test_works_list_filter_and_dashboard_agree_on_every_work_and_language(
    client_for, curator, demo_with_drafts
):
    client = client_for(curator)
    for language in TARGETS:
        dashboard = dashboard_states(client, language)
        for state, _label in STATE_CHOICES:
            if state == UNPUBLISHED:
                expected = {n for n, (_s, waiting) in dashboard.items() if waiting}
            else:
                expected = {n for n, (s, _w) in dashboard.items() if s == state}
            assert listed(client, language, state) == expected, (language, state)
    # The cases the fixture made are where they should be.
    assert "BL-R-05" in listed(client, "en", UNPUBLISHED)
    assert "BL-R-05" in listed(client, "en", S.APPROVED)
    assert "BL-J-01" in listed(client, "zh-hans", S.DRAFT)
    assert "BL-R-02" in listed(client, "en", S.NEEDS_REVIEW)
    assert "BL-J-03" in listed(client, "en", S.MISSING)


def test_a_translators_draft_is_approved_not_published_everywhere(client_for, curator, translator):
    page = translator_saves_english_draft(translator)
    live = work("BL-R-05")
    state = object_state(WorkPage.objects.with_translation_statuses().get(pk=page.pk), "en")
    assert (state.status, state.published) == (S.APPROVED, False)
    client = client_for(curator)
    # The Works list column says so, in the curator's language.
    listing = BeautifulSoup(client.get(reverse("works:index")).text, "html.parser")
    (row,) = [tr for tr in listing.select("tbody tr") if "BL-R-05" in tr.text]
    assert "Englisch: freigegeben, noch nicht veröffentlicht" in row.text
    assert "Englisch: fehlt" not in row.text
    # The curator's dashboard lists the draft with the language it waits in.
    home = client.get(reverse("wagtailadmin_home")).text
    assert "BL-R-05" in home.split('id="curator-drafts"', 1)[1].split("</section>", 1)[0]
    # Print refuses it as not published (not as missing or unapproved) …
    assert print_state(live, "caption", "en") == "unpublished"
    gate = TextGate()
    gate.read(live, "caption", "en", where="BL-R-05")
    (missing,) = gate.missing
    assert missing.reason == "unpublished"
    with translation.override("en"):
        assert "(approved, not published yet)" in str(missing)
    # … and visitors still read the fallback.
    url = live.get_url()
    with translation.override("en"):
        url = live.get_url()
    assert ENGLISH_CAPTION not in client.get(url).text
    # The curator publishes: approved and published everywhere.
    page.get_latest_revision().publish(user=curator)
    live = work("BL-R-05")
    assert print_state(live, "caption", "en") is None
    assert "BL-R-05" not in listed(client, "en", UNPUBLISHED)
    client.logout()
    assert ENGLISH_CAPTION in client.get(url).text


def test_german_is_missing_only_where_a_required_german_text_is_empty(client_for, curator):
    w = work("BL-R-03")
    w.credit_line_de = ""
    w.save_revision().publish()
    client = client_for(curator)
    response = client.get(reverse("works:index"), {"missing_language": "de"})
    assert {p.specific.inventory_number for p in response.context["object_list"]} == {"BL-R-03"}
    assert work("BL-R-03").missing_languages()[0] == "de"
