"""Translation status as data: every save keeps it true, German edits ask for review."""

import pytest
from django.core.management import call_command

from catalogue.models import CatalogueImage, Section, TranslationStatus, WorkPage
from catalogue.translation_status import (
    is_publishable,
    status_of,
    sync_status,
    tracked_models,
    translatable_fields,
)
from exhibition.models import Venue
from tests.factories import module_data
from tests.factories.trees import ALL_24, leave_out_english, rhine_and_yangtze_tour

from .admin_forms import post_edit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works, each with its own picture (whose alt texts have statuses too); as in
    the demo, BL-R-05 has no English texts."""
    tour = rhine_and_yangtze_tour(ALL_24)
    leave_out_english(tour, ["BL-R-05"])
    return tour


S = TranslationStatus.Status


def work(number="BL-R-01"):
    return WorkPage.objects.get(inventory_number=number)


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_fields_come_from_the_modeltranslation_registry():
    assert "alt_text" in translatable_fields(CatalogueImage)
    assert {"title", "caption", "medium", "credit_line", "place_name"} <= set(
        translatable_fields(WorkPage)
    )
    assert "slug" not in translatable_fields(WorkPage)
    names = {m.__name__ for m in tracked_models()}
    assert {"WorkPage", "ExhibitionPage", "Section", "Venue", "CatalogueImage"} <= names


def test_the_demo_has_a_status_for_every_translated_field():
    w = work("BL-R-05")
    assert status_of(w, "caption", "en") == S.MISSING
    assert status_of(w, "caption", "zh-hans") == S.APPROVED
    assert status_of(w, "caption", "de") is None  # German is the source
    # nothing to translate where German is empty
    assert status_of(w, "description", "zh-hans") is None


def test_editing_the_german_caption_in_a_draft_marks_the_other_languages_for_review():
    w = work()
    w.caption_de = "Neuer Text."
    w.save_revision()
    w = fresh(w)
    assert status_of(w, "caption", "zh-hans") == S.NEEDS_REVIEW
    assert status_of(w, "caption", "en") == S.NEEDS_REVIEW
    assert status_of(w, "medium", "zh-hans") == S.APPROVED
    # Saving the page again without touching German keeps it under review.
    latest = w.get_latest_revision_as_object()
    latest.save_revision()
    assert status_of(fresh(w), "caption", "zh-hans") == S.NEEDS_REVIEW
    # The translator revises the Chinese caption: approved again, English still to review.
    latest = fresh(w).get_latest_revision_as_object()
    latest.caption_zh_hans = "新的说明。"
    latest.save_revision().publish()
    w = fresh(w)
    assert status_of(w, "caption", "zh-hans") == S.APPROVED
    assert status_of(w, "caption", "en") == S.NEEDS_REVIEW


def test_a_partial_save_of_a_page_with_a_draft_reads_the_draft():
    w = work()
    w.caption_zh_hans = ""
    w.save_revision()
    live = fresh(w)  # live columns still hold the Chinese caption
    live.locked = True
    live.save(update_fields=["locked"])
    assert status_of(fresh(w), "caption", "zh-hans") == S.MISSING


def test_snippets_and_images_follow_the_same_rules():
    section = Section.objects.get(slug="rhein")
    section.title_de = "Der Rhein"
    section.save()
    assert status_of(fresh(section), "title", "zh-hans") == S.NEEDS_REVIEW
    venue = Venue.objects.first()
    venue.opening_hours_zh_hans = ""
    venue.save()
    assert status_of(fresh(venue), "opening_hours", "zh-hans") == S.MISSING
    image = work().image
    image.alt_text_de = "Ein anderes Bild."
    image.save()
    image = CatalogueImage.objects.get(pk=image.pk)
    assert status_of(image, "alt_text", "en") == S.NEEDS_REVIEW


def test_emptying_the_german_text_leaves_nothing_to_translate():
    section = Section.objects.get(slug="rhein")
    section.river_de = ""
    section.save()
    assert not TranslationStatus.objects.for_object(section).filter(field="river").exists()


def test_an_explicit_status_overrides_the_rules():
    w = work()
    sync_status(w, explicit={("caption", "zh-hans"): S.DRAFT})
    assert status_of(fresh(w), "caption", "zh-hans") == S.DRAFT


def test_publishing_uses_the_status():
    w = work()
    assert is_publishable(w, "caption", "zh-hans")
    sync_status(w, explicit={("caption", "zh-hans"): S.DRAFT})
    w = fresh(w)
    assert not is_publishable(w, "caption", "zh-hans")  # a machine draft is not shown
    sync_status(w, explicit={("caption", "zh-hans"): S.NEEDS_REVIEW})
    w = fresh(w)
    assert is_publishable(w, "caption", "zh-hans")
    assert not is_publishable(w, "caption", "zh-hans", for_print=True)  # print needs approval
    assert is_publishable(w, "caption", "de", for_print=True)
    assert not is_publishable(work("BL-R-05"), "caption", "en")  # empty


def test_the_backfill_command_rebuilds_every_status():
    before = set(TranslationStatus.objects.values_list("object_id", "field", "language", "status"))
    TranslationStatus.objects.all().delete()
    call_command("sync_translation_status", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = set(TranslationStatus.objects.values_list("object_id", "field", "language", "status"))
    assert after == before
    assert len(after) > 300


def test_missing_translation_knows_every_translated_field_through_the_status():
    w = work("BL-R-02")
    w.search_description_de = "Für Suchmaschinen."
    w.save()
    assert WorkPage.objects.missing_translation("zh-hans").filter(pk=w.pk).exists()
    assert "zh-hans" in fresh(w).missing_languages()


def test_deleting_an_object_deletes_its_status():
    section = Section.objects.create(slug="test", title_de="Test", title_en="Test")
    assert TranslationStatus.objects.for_object(section).count() == 2
    pk = section.pk
    section.delete()
    assert not TranslationStatus.objects.for_model(Section).filter(object_id=pk).exists()


def test_the_public_site_falls_back_past_a_machine_draft(
    client, django_capture_on_commit_callbacks
):
    from bs4 import BeautifulSoup

    w = work("BL-R-01")
    url = f"/zh-hans/flusslandschaften/{w.slug}/"
    caption = BeautifulSoup(client.get(url).content, "html.parser").select_one(".caption")
    assert caption.get("lang") is None  # approved Chinese
    with django_capture_on_commit_callbacks(execute=True):  # the page cache is purged on commit
        sync_status(w, explicit={("caption", "zh-hans"): S.DRAFT})
    caption = BeautifulSoup(client.get(url).content, "html.parser").select_one(".caption")
    assert caption["lang"] == "en"
    assert caption.select_one(".fallback-note")["lang"] == "zh-Hans"


def _post_edit(client, page, **changes):
    assert post_edit(client, page, **changes).status_code == 302


def test_edits_in_the_admin_forms_drive_the_status(client_for, curator, translator):
    w = work("BL-J-03")
    # The curator revises the German caption and publishes: the translations need review.
    _post_edit(
        client_for(curator), w, caption_de="Neuer deutscher Text.", **{"action-publish": "1"}
    )
    assert status_of(fresh(w), "caption", "zh-hans") == S.NEEDS_REVIEW
    # The translator saves a draft with the English caption: approved, Chinese still to review.
    _post_edit(client_for(translator), w, caption_en="New English text.")
    w = fresh(w)
    assert w.has_unpublished_changes
    assert status_of(w, "caption", "en") == S.APPROVED
    assert status_of(w, "caption", "zh-hans") == S.NEEDS_REVIEW


def test_a_draft_does_not_hide_the_published_text(client):
    from bs4 import BeautifulSoup

    w = work("BL-R-01")
    draft = w.get_latest_revision_as_object()
    draft.caption_zh_hans = ""
    draft.save_revision()  # not published
    live = fresh(w)
    assert status_of(live, "caption", "zh-hans") == S.MISSING
    assert is_publishable(live, "caption", "zh-hans")
    assert not is_publishable(live, "caption", "zh-hans", for_print=True)
    page = BeautifulSoup(client.get(f"/zh-hans/flusslandschaften/{w.slug}/").content, "html.parser")
    assert page.select_one(".caption").get("lang") is None  # still the published Chinese text
