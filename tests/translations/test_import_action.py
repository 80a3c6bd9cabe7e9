"""One import action for every way in: the command checks the user and their permissions,
panel permissions per field, the dashboard approves through the action and logs the user."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry

from catalogue import translation_status as ts
from catalogue.models import TranslationStatus, WorkPage
from catalogue.translation_status import status_of
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour
from translations.actions import ImportTranslations
from translations.formats.xliff import NS20

from .helpers import export_bytes, fill_xlsx, snapshot, work

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Two of the demo's works, translated into every language, sharing one picture."""
    return rhine_and_yangtze_tour(("BL-R-01", "BL-R-02"), image=ImageFactory())


S = TranslationStatus.Status
Q20 = f"{{{NS20}}}"


# ---------------------------------------------------------------- one import action


def test_the_command_needs_a_user_outside_debug_and_checks_their_permissions(
    tmp_path, make_user, settings
):
    path = tmp_path / "zh.xlsx"
    path.write_bytes(
        fill_xlsx(export_bytes("xlsx"), {"work:BL-R-02": {"caption_zh_hans": "新的说明。"}})
    )
    with pytest.raises(CommandError, match="--user NAME"):
        call_command("import_translations", str(path))
    with pytest.raises(CommandError, match="No active user"):
        call_command("import_translations", str(path), "--user", "nobody")
    make_user("visitor")  # staff, but no translation tools
    with pytest.raises(CommandError, match="may not use the translation tools"):
        call_command("import_translations", str(path), "--user", "visitor")
    registrar = make_user("regi", "Registrar")
    before = snapshot()
    if not registrar.has_perm("catalogue.use_translation_tools"):
        with pytest.raises(CommandError):
            call_command("import_translations", str(path), "--user", "regi", stderr=io.StringIO())
    assert snapshot() == before
    curator = make_user("cura", "Curator")
    call_command("import_translations", str(path), "--user", "cura", stdout=io.StringIO())
    entry = PageLogEntry.objects.filter(action="leporello.translation_import").latest("pk")
    assert entry.user == curator and entry.page.specific.inventory_number == "BL-R-02"


def test_a_field_behind_a_panel_permission_is_refused_per_field(importer, monkeypatch):
    from translations import actions

    monkeypatch.setattr(
        actions, "_panel_permissions", lambda model: {"caption_zh_hans": "catalogue.edit_facts"}
    )
    data = fill_xlsx(
        export_bytes("xlsx"),
        {"work:BL-R-02": {"caption_zh_hans": "新的说明。", "medium_zh_hans": "新的材料。"}},
    )
    plan = ImportTranslations(data, "x.xlsx", importer).check()
    problems = [str(p) for p in plan.problems]
    assert len(problems) == 1 and "caption" in problems[0] and "column" in problems[0]


def test_dashboard_approve_goes_through_the_action_and_logs_the_user(client_for, curator):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    page = work("BL-R-01")
    ts.sync_status(page, explicit={("caption", "zh-hans"): S.DRAFT})
    client = client_for(curator)
    response = client.post(
        reverse("translations:approve"),
        {
            "content_type": ContentType.objects.get_for_model(WorkPage).pk,
            "object_id": page.pk,
            "language": "zh-hans",
        },
    )
    assert response.status_code == 302
    assert status_of(work("BL-R-01"), "caption", "zh-hans") == S.APPROVED
    assert PageLogEntry.objects.filter(
        page=page, action="leporello.translation_approve", user=curator
    ).exists()
