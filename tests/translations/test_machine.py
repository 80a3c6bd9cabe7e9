"""Machine-translation drafts: off by default, a fake provider in tests, drafts never approved."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from catalogue.models import TranslationStatus, WorkPage
from catalogue.models.translation_state import localized
from catalogue.translation_status import status_of
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

from .helpers import blank_chinese

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-R-03",))


S = TranslationStatus.Status


def test_missing_texts_become_machine_drafts_never_shown_until_approved(make_user):
    curator = make_user("cura", "Curator")
    blank_chinese("BL-R-03")
    call_command(
        "machine_translate", "--language", "zh-hans", "--user", "cura", stdout=io.StringIO()
    )
    page = WorkPage.objects.get(inventory_number="BL-R-03")
    draft = page.get_latest_revision_as_object()
    assert draft.caption_zh_hans == f"[MT zh-hans] {page.caption_de}"
    assert status_of(page, "caption", "zh-hans") == S.DRAFT
    # the published page still has no Chinese caption, and a draft is never shown anyway
    page.get_latest_revision().publish()
    page = WorkPage.objects.get(inventory_number="BL-R-03")
    assert localized(page, "caption", "zh-hans").language != "zh-hans"
    assert PageLogEntry.objects.filter(
        page=page, action="leporello.machine_translation", user=curator
    ).exists()
    # nothing left to fill: a second run writes nothing
    out = io.StringIO()
    call_command("machine_translate", "--language", "zh-hans", "--user", "cura", stdout=out)
    assert out.getvalue().startswith("0 machine draft")


def test_machine_translation_is_off_unless_configured(make_user, settings):
    make_user("cura", "Curator")
    settings.LEPORELLO_MACHINE_TRANSLATION = None
    with pytest.raises(CommandError, match="Machine translation is off"):
        call_command("machine_translate", "--language", "zh-hans", "--user", "cura")


def test_a_user_without_translation_tools_may_not_fill_drafts(make_user):
    make_user("someone")
    blank_chinese("BL-R-03")
    with pytest.raises(CommandError, match="may not use the translation tools"):
        call_command("machine_translate", "--language", "zh-hans", "--user", "someone")
    assert (
        WorkPage.objects.get(inventory_number="BL-R-03")
        .get_latest_revision_as_object()
        .caption_zh_hans
        == ""
    )
