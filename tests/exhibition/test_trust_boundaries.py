"""Issue 10, reproductions 3, 4 and 6: one test per attack, each failing on the code before it.

3. Lender names reach Curator and Translator through snippet choosers; curators get crate numbers.
4. Loan agreements in the private collection download from /media/; a curator moves them out.
6. The approve view answers differently for existing and missing private objects; wrong admin
   passwords are not slowed down.
"""

import csv
import importlib
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches, reverse
from openpyxl import load_workbook
from wagtail.documents import get_document_model
from wagtail.models import Collection

from exhibition.models import ConditionReport, TourStop, TransitLeg
from exhibition.models.registrar import Lender, WorkLoan
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.exhibition import private_collection
from tests.factories.logistics import duesseldorf_to_chongqing, loans
from tests.factories.trees import ALL_24, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]

PRIVATE_COLLECTION = "Leihverträge (privat)"


@module_data
def tour():
    """The demo's 24 works (one shared picture), each on loan, packed in crates on the leg
    Düsseldorf -> Chongqing with condition reports, and the private loan-agreement collection."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory())
    duesseldorf_to_chongqing(tour)
    loans(tour.works.values())
    private_collection(PRIVATE_COLLECTION)
    return tour


def chooser_addresses():
    loan = WorkLoan.objects.select_related("lender").first()
    report, leg = ConditionReport.objects.first(), TransitLeg.objects.first()
    base = "/admin/snippets/choose/exhibition"
    return [
        f"{base}/lender/",
        f"{base}/lender/results/?q=a",
        f"{base}/workloan/",
        f"{base}/workloan/chosen/{loan.pk}/",
        f"{base}/workloan/chosen-multiple/?id={loan.pk}",
        f"{base}/conditionreport/",
        f"{base}/conditionreport/chosen/{report.pk}/",
        f"{base}/transitleg/",
        f"{base}/transitleg/chosen/{leg.pk}/",
    ]


@pytest.mark.parametrize("role", ["curator", "translator"])
def test_3_registrar_choosers_refuse_curator_and_translator(client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    lender = Lender.objects.first().name
    for url in chooser_addresses():
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert lender not in response.content.decode(), url


def test_3_registrar_choosers_still_serve_the_registrar(client_for, registrar):
    client = client_for(registrar)
    for url in chooser_addresses():
        assert client.get(url).status_code == 200, url
    loan = WorkLoan.objects.select_related("lender").first()
    chosen = client.get(f"/admin/snippets/choose/exhibition/workloan/chosen/{loan.pk}/").json()
    assert loan.lender.name in chosen["result"]["string"]


def test_3_a_missing_id_looks_like_a_private_one_in_the_chooser(client_for, curator):
    client = client_for(curator)
    base = "/admin/snippets/choose/exhibition/workloan/chosen"
    existing = client.get(f"{base}/{WorkLoan.objects.first().pk}/")
    missing = client.get(f"{base}/999999/")
    assert (existing.status_code, existing.get("Location")) == (
        missing.status_code,
        missing.get("Location"),
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_3_curator_checklist_export_has_no_crate_numbers(client_for, curator, registrar, fmt):
    stop = TourStop.objects.get(slug="chongqing-2024")
    url = reverse("tour_export", args=(stop.pk, fmt))

    def header_and_rows(user):
        response = client_for(user).get(url)
        assert response.status_code == 200
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        else:
            rows = [list(r) for r in load_workbook(io.BytesIO(response.content)).active.values]
        return rows[0], rows[1:]

    header, rows = header_and_rows(curator)
    assert "crate" not in header and "insurance_value" not in header
    assert len(rows) == 24 and rows[0][1] == "BL-J-01"
    header, rows = header_and_rows(registrar)
    assert header[-1] == "crate"
    assert all(row[-1] for row in rows)


@pytest.fixture
def agreement():
    return get_document_model().objects.create(
        title="Leihvertrag BL-R-01",
        collection=Collection.objects.get(name=PRIVATE_COLLECTION),
        file=ContentFile(b"Vertragstext, vertraulich", name="leihvertrag-bl-r-01.txt"),
    )


@pytest.fixture
def dev_urls():
    """config.urls as `make run` builds it (DEBUG on: media files served by Django)."""
    import config.urls

    with override_settings(DEBUG=True):
        urls = importlib.reload(config.urls)
        clear_url_caches()
        with override_settings(ROOT_URLCONF=urls):
            yield urls
    importlib.reload(config.urls)
    clear_url_caches()


def test_4_private_documents_never_download_from_the_media_address(
    client, client_for, registrar, agreement, dev_urls
):
    from catalogue.models import CatalogueImage

    # Documents link to Wagtail's permission-checked view, never to their file.
    assert agreement.url == f"/documents/{agreement.pk}/leihvertrag-bl-r-01.txt"
    file_address = f"/media/{agreement.file.name}"
    assert client.get(file_address).status_code == 404
    assert client.get(agreement.url).status_code == 302  # to the sign-in page
    # Images are still served in development, and the registrar gets the agreement.
    image = CatalogueImage.objects.first()
    assert client.get(f"/media/{image.file.name}").status_code == 200
    response = client_for(registrar).get(agreement.url)
    assert b"vertraulich" in b"".join(response.streaming_content)
    assert client.get(file_address).status_code == 404


def test_4_curator_cannot_move_an_agreement_out_of_the_private_collection(
    client_for, curator, registrar, agreement
):
    root = Collection.get_first_root_node()
    client = client_for(curator)
    edit = reverse("wagtaildocs:edit", args=(agreement.pk,))
    response = client.post(edit, {"title": "Leihvertrag BL-R-01", "collection": root.pk})
    assert response.status_code == 302 and response["Location"] != edit
    agreement.refresh_from_db()
    assert agreement.collection.name == PRIVATE_COLLECTION
    # Nor does the curator see it listed, offered in a chooser, or its private collection.
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Leihvertrag BL-R-01" not in listing and PRIVATE_COLLECTION not in listing
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Leihvertrag BL-R-01" not in chooser
    assert client.get(reverse("wagtaildocs:delete", args=(agreement.pk,))).status_code == 302
    # The registrar may move it.
    response = client_for(registrar).post(
        edit, {"title": "Leihvertrag BL-R-01", "collection": root.pk}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.collection_id == root.pk


def test_4_curator_cannot_move_a_document_into_the_private_collection(client_for, curator):
    root = Collection.get_first_root_node()
    document = get_document_model().objects.create(
        title="Pressetext", collection=root, file=ContentFile(b"x", name="presse.txt")
    )
    private = Collection.objects.get(name=PRIVATE_COLLECTION)
    client = client_for(curator)
    edit = reverse("wagtaildocs:edit", args=(document.pk,))
    assert f'value="{private.pk}"' not in client.get(edit).content.decode()
    client.post(edit, {"title": "Pressetext", "collection": private.pk})
    document.refresh_from_db()
    assert document.collection_id == root.pk


def test_4_tags_of_private_documents_stay_private(client_for, curator, registrar, agreement):
    agreement.tags.add("leihvertrag-geheim")
    url = reverse("wagtailadmin_tag_autocomplete") + "?term=leih"
    assert client_for(curator).get(url).json() == []
    assert client_for(registrar).get(url).json() == ["leihvertrag-geheim"]
    assert "leihvertrag-geheim" not in client_for(curator).get("/admin/documents/").content.decode()


def approve(client, content_type, object_id):
    """(status, redirects, messages shown) of an approve request, followed to its end."""
    response = client.post(
        reverse("translations:approve"),
        {"content_type": content_type, "object_id": object_id, "language": "en"},
        follow=True,
    )
    return (
        response.status_code,
        response.redirect_chain,
        [str(m) for m in get_messages(response.wsgi_request)]
        + [str(m) for m in response.context["messages"]],
    )


@pytest.mark.parametrize("model", [WorkLoan, Lender, ConditionReport, TransitLeg])
def test_6_approve_answers_the_same_for_existing_and_missing_private_objects(
    client_for, translator, model
):
    client = client_for(translator)
    content_type = ContentType.objects.get_for_model(model).pk
    existing = approve(client, content_type, model.objects.first().pk)
    missing = approve(client, content_type, 999999)
    assert existing == missing
    assert existing[0] == 200 and existing[2]


def test_6_approve_still_approves_what_the_user_may_edit(client_for, translator):
    from catalogue.models import WorkPage

    work = WorkPage.objects.get(inventory_number="BL-R-01")
    status, _redirects, messages = approve(
        client_for(translator), ContentType.objects.get_for_model(WorkPage).pk, work.pk
    )
    assert status == 200
    assert not any("no longer exists" in m for m in messages)


LOGIN = "/admin/login/"


def sign_in(client, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN, {"username": "regi", "password": password}, REMOTE_ADDR=address, **headers
    )


def test_6_fifteen_wrong_admin_passwords_pause_signing_in(client, registrar, settings):
    statuses = [sign_in(client, f"wrong-{n}").status_code for n in range(15)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit:]) == {429}
    paused = sign_in(client, "pw")  # even the right password, while paused
    assert paused.status_code == 429
    text = paused.content.decode()
    assert "Anmeldung pausiert" in text or "Sign-in paused" in text
    assert "regi" in text and str(settings.AXES_COOLOFF_TIME.seconds // 60) in text
    # Another address (a colleague) can still sign in as usual.
    assert sign_in(client, "pw", address="198.51.100.2").status_code == 302


def test_6_a_right_password_resets_the_count(client, registrar, settings):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, f"wrong-{n}")
    assert sign_in(client, "pw").status_code == 302
    client.logout()
    assert sign_in(client, "wrong-again").status_code == 200


def test_6_behind_a_proxy_the_forwarded_address_counts_and_cannot_be_spoofed(
    client, registrar, settings
):
    settings.LEPORELLO_TRUSTED_PROXIES = 1
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker types a new X-Forwarded-For each time; the proxy appends the real one.
        sign_in(client, f"wrong-{n}", "10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 203.0.113.7")
    forwarded = {"HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    assert sign_in(client, "pw", "10.0.0.1", **forwarded).status_code == 429
    # Another visitor behind the same proxy is not locked out.
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert sign_in(client, "pw", "10.0.0.1", **other).status_code == 302
