"""Checklist and packing exports: private values only by request and for registrars; no formula
cells; clear errors for bad input."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from catalogue.models import WorkPage
from exhibition.models.registrar import WorkLoan
from tests.badinput import bad_input
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.exhibition import private_collection
from tests.factories.logistics import duesseldorf_to_chongqing, loans
from tests.factories.trees import ALL_24, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works (one shared picture), each on loan, in six crates on the leg
    Düsseldorf -> Chongqing, and the private loan-agreement collection."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory())
    duesseldorf_to_chongqing(tour)
    loans(tour.works.values())
    private_collection("Leihverträge (privat)")
    return tour


def export(tmp_path, *args):
    suffix = ".xlsx" if "xlsx" in args else ".csv"
    target = tmp_path / f"out{suffix}"
    call_command("export_checklist", *args, "-o", str(target), stdout=io.StringIO())
    return target


def test_export_checklist_csv_without_values(tmp_path):
    target = export(tmp_path, "chongqing-2024", "--format", "csv")
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0][:5] == [
        "label_number",
        "inventory_number",
        "title_de",
        "title_zh_hans",
        "title_en",
    ]
    assert "insurance_value" not in rows[0]
    assert rows[1][0] == "101" and rows[1][1] == "BL-J-01"
    assert any(row[2] == "Jangtse bei Chongqing, Chaotianmen, Mittag" for row in rows) or rows[1][3]
    assert all(row[-1] for row in rows[1:])  # every work has its crate


def test_export_checklist_xlsx_private_by_id(tmp_path):
    from exhibition.models import TourStop

    stop = TourStop.objects.get(slug="chongqing-2024")
    target = export(tmp_path, str(stop.pk), "--format", "xlsx", "--private")
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["insurance_value", "currency"]
    loan = WorkLoan.objects.get(work__inventory_number="BL-J-01")
    assert Decimal(str(sheet.cell(2, len(header) - 1).value)) == loan.insurance_value


@pytest.mark.parametrize(
    "args", [("nowhere-1999", "--format", "csv"), ("chongqing-2024", "--format", "pdf")]
)
def test_export_checklist_bad_input_is_a_clear_error(tmp_path, args):
    with pytest.raises(CommandError):
        export(tmp_path, *args)
    assert not list(tmp_path.iterdir())


def test_exports_never_emit_a_formula(tmp_path):
    rows = list(csv.DictReader(bad_input("captions-csv-injection.csv").open(encoding="utf-8")))
    work = WorkPage.objects.get(inventory_number="BL-J-01")
    work.title_de, work.title_zh_hans = rows[0]["caption_de"], rows[0]["caption_zh_hans"]
    work.save()
    csv_rows = list(
        csv.reader(
            io.StringIO(
                export(tmp_path, "chongqing-2024", "--format", "csv").read_text(
                    encoding="utf-8-sig"
                )
            )
        )
    )
    assert csv_rows[1][2] == "'" + rows[0]["caption_de"]
    assert csv_rows[1][3].startswith("'@")
    sheet = load_workbook(export(tmp_path, "chongqing-2024", "--format", "xlsx")).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert not str(sheet.cell(2, 3).value).startswith("=")


def test_admin_export_with_values_is_for_registrars_only(client_for, curator, registrar):
    from django.urls import reverse

    from exhibition.models import TourStop

    stop = TourStop.objects.get(slug="chongqing-2024")
    url = reverse("tour_export", args=(stop.pk, "xlsx")) + "?private=1"
    assert client_for(curator).get(url).status_code in (302, 403)
    response = client_for(registrar).get(url)
    assert response.status_code == 200
    assert "insurance_value" in [
        c.value for c in load_workbook(io.BytesIO(response.content)).active[1]
    ]


def test_packing_list_pdf_and_xlsx(client_for, registrar):
    from django.urls import reverse

    from exhibition.models import TransitLeg

    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    client = client_for(registrar)
    pdf = client.get(reverse("tour_packing_list", args=(leg.pk, "pdf")))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("tour_packing_list", args=(leg.pk, "xlsx"))).content)
    ).active
    assert sheet.max_row == 25  # header + 24 works in 6 crates


def test_loan_agreements_in_the_private_collection_are_not_served_to_visitors(client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    collection = Collection.objects.get(name="Leihverträge (privat)")
    document = get_document_model().objects.create(
        title="Leihvertrag BL-R-01",
        collection=collection,
        file=ContentFile(b"secret", name="lv.txt"),
    )
    response = client.get(document.url)
    assert response.status_code in (302, 403)
    assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_export_checklist_exits_with_1_on_bad_input(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    result = subprocess.run(  # noqa: S603  (our own manage.py with fixed arguments)
        [
            sys.executable,
            "manage.py",
            "export_checklist",
            "chongqing-2024",
            "--format",
            "ods",
            "-o",
            str(tmp_path / "x.ods"),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        check=False,
    )
    assert result.returncode == 1
    assert "--format must be one of xlsx, csv" in result.stderr
    assert not list(tmp_path.iterdir())


def test_where_report_explains_a_bad_date(client_for, registrar):
    from django.urls import reverse

    response = client_for(registrar).get(reverse("tour_where"), {"date": "2024-13-45"})
    assert response.status_code == 200
    assert response.context["form"].errors["date"]
