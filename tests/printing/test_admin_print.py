"""Staff start printing from the admin: labels with a preview, catalogues as background jobs."""

import pytest

from config.heartbeat import beat
from exhibition.models import ExhibitionPage, TourStop
from printing.models import CatalogueJob
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import leave_out_english, rhine_and_yangtze_tour

from . import pdftools

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """One work per river sharing one picture (480 × 320 px, enough for a label's thumbnail);
    BL-J-03 lacks its English texts, as in the demo."""
    tour = rhine_and_yangtze_tour(("BL-R-01", "BL-J-03"), image=ImageFactory(size=(480, 320)))
    leave_out_english(tour, ("BL-J-03",))
    return tour


def stop(slug="chongqing-2024"):
    return TourStop.objects.get(slug=slug)


def test_tour_stop_listing_has_labels_and_catalogue_buttons(client_for, curator):
    response = client_for(curator).get("/admin/snippets/exhibition/tourstop/")
    assert f"/admin/printing/labels/{stop().pk}/" in response.text
    assert f"/admin/printing/catalogue/stop/{stop().pk}/" in response.text


def test_tour_stop_edit_view_header_has_labels_and_catalogue_buttons(client_for, curator):
    response = client_for(curator).get(f"/admin/snippets/exhibition/tourstop/edit/{stop().pk}/")
    assert response.status_code == 200
    header = response.text.split("<header", 1)[1].split("</header>", 1)[0]
    assert f"/admin/printing/labels/{stop().pk}/" in header
    assert f"/admin/printing/catalogue/stop/{stop().pk}/" in header


def test_exhibition_page_header_has_a_catalogue_button(client_for, curator):
    page = ExhibitionPage.objects.get(slug="flusslandschaften")
    response = client_for(curator).get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/printing/catalogue/exhibition/{page.pk}/" in response.text


def test_preview_is_one_label_and_download_is_all(client_for, curator):
    client = client_for(curator)
    url = f"/admin/printing/labels/{stop().pk}/"
    form = {"size": "a6", "layout": "object", "placeholders": "on"}
    assert client.get(url).status_code == 200
    preview = client.post(url, {**form, "action": "preview"})
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline")
    assert pdftools.page_count(preview.content) == 1
    everything = client.post(url, {**form, "action": "download"})
    assert everything["Content-Disposition"].startswith("attachment")
    assert pdftools.page_count(everything.content) == stop().checklist.count()


def test_labels_form_shows_missing_translations_instead_of_a_pdf(client_for, curator):
    response = client_for(curator).post(
        f"/admin/printing/labels/{stop().pk}/", {"size": "a6", "layout": "object"}
    )
    assert response.status_code == 400
    assert "BL-J-03" in response.text  # lacks its English medium and credit line


def test_custom_size_is_checked(client_for, curator):
    response = client_for(curator).post(
        f"/admin/printing/labels/{stop().pk}/",
        {"size": "custom", "custom_size": "12x", "layout": "object", "placeholders": "on"},
    )
    assert response.status_code == 200
    assert "Unbekanntes Schildformat" in response.text  # the admin speaks German by default


def test_translators_cannot_print(client_for, translator):
    response = client_for(translator).get(f"/admin/printing/labels/{stop().pk}/")
    assert response.status_code in (302, 403)


def test_catalogue_runs_as_a_job_with_progress_and_a_download(
    client_for, curator, django_capture_on_commit_callbacks
):
    client = client_for(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/printing/catalogue/stop/{stop().pk}/",
            {"languages": "zh-hans,de", "profile": "screen", "allow_low_resolution": "on"},
        )
    job = CatalogueJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.status == CatalogueJob.Status.DONE and job.progress == 100
    page = client.get(response["Location"])
    assert f"/admin/printing/jobs/{job.pk}/download/" in page.text
    download = client.get(f"/admin/printing/jobs/{job.pk}/download/")
    pdf = b"".join(download.streaming_content)
    assert pdftools.page_count(pdf) == job.pages


def test_catalogue_request_is_refused_before_queueing_when_texts_are_missing(client_for, curator):
    response = client_for(curator).post(
        f"/admin/printing/catalogue/stop/{stop().pk}/", {"languages": "en", "profile": "screen"}
    )
    assert response.status_code == 400
    assert "BL-J-03" in response.text
    assert not CatalogueJob.objects.exists()


def test_a_queued_job_page_refreshes_and_the_index_lists_it(client_for, curator):
    job = CatalogueJob.objects.create(
        exhibition=stop().exhibition, tour_stop=stop(), languages="de,zh-hans", progress=40
    )
    client = client_for(curator)
    beat("worker-1")  # the page reloads while a worker is alive (config.heartbeat)
    page = client.get(f"/admin/printing/jobs/{job.pk}/")
    assert 'http-equiv="refresh"' in page.text and 'value="40"' in page.text
    early = client.get(f"/admin/printing/jobs/{job.pk}/download/")
    assert early.status_code != 200 and early.get("Content-Type") != "application/pdf"
    assert f"/admin/printing/jobs/{job.pk}/" in client.get("/admin/printing/").text
