"""The translator's admin: dashboard, export and import with a preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import PageLogEntry

from catalogue.models import TranslationStatus, WorkPage
from exhibition.models import TourStop
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import leave_out_english, rhine_and_yangtze_tour

from ..badinput import bad_input
from .helpers import blank_chinese, export_bytes, fill_xlsx

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Seven of the demo's works (one shared picture); as in the demo, BL-R-05, BL-J-03 and
    BL-J-10 have no English caption, medium or credit line (9 texts)."""
    tour = rhine_and_yangtze_tour(
        ("BL-R-01", "BL-R-02", "BL-R-03", "BL-R-05", "BL-J-03", "BL-J-07", "BL-J-10"),
        image=ImageFactory(),
    )
    leave_out_english(tour)
    return tour


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chinese_row(response):
    return next(r for r in response.context["summary"] if r["code"] == "zh-hans")


def test_translator_sees_the_menu_and_the_dashboard(client_for, translator):
    client = client_for(translator)
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("translations:dashboard") in home.content.decode()
    response = client.get(reverse("translations:dashboard"))
    assert response.status_code == 200
    english = next(r for r in response.context["summary"] if r["code"] == "en")
    assert english["missing"] == 9 and english["percent"] < 100
    assert chinese_row(response)["percent"] == 100


def test_registrar_has_no_translation_tools(client_for, registrar):
    client = client_for(registrar)
    refused = client.get(reverse("translations:dashboard"))
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert client.get(reverse("translations:export")).status_code == 302
    assert (
        reverse("translations:dashboard")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_dashboard_filters_and_links_to_the_edit_form_in_that_language(client_for, translator):
    blank_chinese("BL-R-03")
    client = client_for(translator)
    stop = TourStop.objects.get(slug="chongqing-2024")
    response = client.get(
        reverse("translations:dashboard"), {"language": "zh-hans", "tour_stop": stop.pk}
    )
    rows = response.context["work_left"]
    assert [r["key"] for r in rows] == ["work:BL-R-03"]
    page = WorkPage.objects.get(inventory_number="BL-R-03")
    link = rows[0]["languages"][0]["edit_url"]
    assert link == reverse("wagtailadmin_pages:edit", args=[page.pk]) + "?lang=zh-hans"
    assert link.replace("&", "&amp;") in response.content.decode()
    assert chinese_row(response)["missing"] == 1
    # The edit form loads the script that opens German and Chinese in the language picker.
    form = client.get(link)
    assert "translations/editor-language.js" in form.content.decode()
    # A filter for English only lists English work.
    english = client.get(reverse("translations:dashboard"), {"language": "en"})
    assert {r["code"] for r in english.context["summary"]} == {"en"}


def test_mark_as_approved_after_review(client_for, translator):
    page = WorkPage.objects.get(inventory_number="BL-R-01")
    page.caption_de = "Neu."
    page.save_revision().publish()
    client = client_for(translator)
    from catalogue.translation_status import content_type_for

    response = client.post(
        reverse("translations:approve"),
        {"content_type": content_type_for(page).pk, "object_id": page.pk, "language": "zh-hans"},
    )
    assert response.status_code == 302
    rows = TranslationStatus.objects.for_object(page).filter(field="caption")
    assert dict(rows.values_list("language", "status")) == {
        "zh-hans": "approved",
        "en": "needs_review",
    }
    assert PageLogEntry.objects.filter(page=page, action="leporello.translation_approve").exists()


def test_export_view_downloads_a_workbook(client_for, translator):
    client = client_for(translator)
    response = client.get(
        reverse("translations:export"),
        {"languages": ["zh-hans"], "file_format": "xlsx", "todo": ""},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "translations-zh-hans.xlsx" in response["Content-Disposition"]
    bad = client.get(
        reverse("translations:export"), {"languages": ["zh-hans", "en"], "file_format": "xliff12"}
    )
    assert bad.status_code == 200 and "one target language" in bad.content.decode()


def test_translator_imports_with_a_preview_and_the_dashboard_reaches_100(client_for, translator):
    blank_chinese("BL-R-03", "BL-J-07")
    client = client_for(translator)
    before = client.get(reverse("translations:dashboard"), {"language": "zh-hans"})
    assert chinese_row(before)["missing"] == 2
    filled = fill_xlsx(
        export_bytes("xlsx", only_open=True),
        {
            "work:BL-R-03": {"caption_zh_hans": "莱茵河的新说明。"},
            "work:BL-J-07": {"caption_zh_hans": "长江的新说明。"},
        },
    )
    preview = client.post(
        reverse("translations:import"),
        {"file": SimpleUploadedFile("zh.xlsx", filled, content_type=XLSX)},
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "莱茵河的新说明。" in html and "Apply all changes" in html
    # nothing applied by the preview
    assert (
        WorkPage.objects.get(inventory_number="BL-R-03")
        .get_latest_revision_as_object()
        .caption_zh_hans
        == ""
    )
    applied = client.post(reverse("translations:import"), {"token": preview.context["token"]})
    assert applied.status_code == 302
    page = WorkPage.objects.get(inventory_number="BL-R-03")
    assert page.get_latest_revision_as_object().caption_zh_hans == "莱茵河的新说明。"
    assert page.get_latest_revision().user == translator
    after = client.get(reverse("translations:dashboard"), {"language": "zh-hans"})
    assert chinese_row(after)["percent"] == 100
    # Imported texts of pages are drafts: approved, waiting for a curator to publish them.
    left = {
        row["key"]: [
            (lang["missing"], lang["draft"], lang["unpublished"]) for lang in row["languages"]
        ]
        for row in after.context["work_left"]
    }
    assert left == {"work:BL-R-03": [(0, 0, 1)], "work:BL-J-07": [(0, 0, 1)]}


def test_a_bad_upload_is_refused_with_every_problem(client_for, translator):
    client = client_for(translator)
    data = bad_input("translations-bad-rows.xlsx").read_bytes()
    response = client.post(
        reverse("translations:import"),
        {"file": SimpleUploadedFile("bad.xlsx", data, content_type=XLSX)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was changed" in html
    assert "row 5, column C (title_zh_hans)" in html
    assert "token" not in html or 'name="token"' not in html
    response = client.post(
        reverse("translations:import"),
        {
            "file": SimpleUploadedFile(
                "x.xlsx", bad_input("translations-not-a-spreadsheet.xlsx").read_bytes()
            )
        },
    )
    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()


def test_the_admin_takes_excels_unicode_text_and_a_german_semicolon_csv(client_for, translator):
    import csv
    import io

    from .helpers import fill_csv

    client = client_for(translator)
    filled = fill_csv(
        export_bytes("csv", languages=("zh-hans",)),
        {"work:BL-R-02": {"caption_zh_hans": "在 Excel 中修改。"}},
    )
    rows = list(csv.reader(io.StringIO(filled.decode("utf-8-sig"))))
    for name, separator, encoding in (("zh.txt", "\t", "utf-16"), ("zh.csv", ";", "gb18030")):
        out = io.StringIO()
        csv.writer(out, delimiter=separator).writerows(rows)
        preview = client.post(
            reverse("translations:import"),
            {"file": SimpleUploadedFile(name, out.getvalue().encode(encoding))},
        )
        assert preview.status_code == 200, preview.content.decode()[-2000:]
        assert preview.context["plan"].change_count == 1
        assert "在 Excel 中修改。" in preview.content.decode()
    applied = client.post(reverse("translations:import"), {"token": preview.context["token"]})
    assert applied.status_code == 302
    page = WorkPage.objects.get(inventory_number="BL-R-02")
    assert page.get_latest_revision_as_object().caption_zh_hans == "在 Excel 中修改。"
    assert PageLogEntry.objects.filter(
        page=page, action="leporello.translation_import", user=translator
    ).exists()
