"""Media and private files in an S3-compatible object store (moto's server, started by the run).

What a museum's IT would check: renditions land in the public bucket and show on public pages;
originals, loan agreements and catalogue PDFs land in the private bucket and are reached only
through the permission-checked views, by signed addresses that expire.
moto does not itself refuse an expired or forged signature, so the expiry is read from the
address; moto does refuse an unsigned request for a private object, which is checked.
"""

import datetime
import io
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Collection

from catalogue.models import CatalogueImage
from config.storage import s3_storages
from printing.models import CatalogueJob
from tests.factories import module_data
from tests.factories.catalogue import jpeg_bytes
from tests.factories.trees import tour_with_loan_agreements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour_with_loan_agreements")]

LOAN_COLLECTION = "Leihverträge (privat)"

tour_with_loan_agreements = module_data(tour_with_loan_agreements)


def fetch(url):
    """(status, body) of an anonymous GET of `url`, as a browser without cookies sends it."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (test server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def upload_image(client, django_capture_on_commit_callbacks, title="Rhein bei Köln"):
    with django_capture_on_commit_callbacks(execute=True):  # renditions are made on commit
        response = client.post(
            reverse("wagtailimages:add"),
            {
                "title": title,
                "file": SimpleUploadedFile("rhein.jpg", jpeg_bytes((640, 480))),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302, response.content[:2000]
    return CatalogueImage.objects.get(title=title)


def unsigned(url):
    """`url` without its query string: the object's plain address."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def assert_signed_for(url, seconds):
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Signature"][0]
    assert query["X-Amz-Expires"] == [str(seconds)]
    signed_at = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(
        tzinfo=datetime.UTC
    )
    now = datetime.datetime.now(datetime.UTC)
    assert abs((now - signed_at).total_seconds()) < 60


def loan_agreement(title, content, name):
    """A document in the private loan agreements collection."""
    return get_document_model().objects.create(
        title=title,
        collection=Collection.objects.get(name=LOAN_COLLECTION),
        file=ContentFile(content, name=name),
    )


def assert_public_bucket_holds_only_renditions(s3):
    keys = s3.keys(s3.public)
    assert all(key.startswith(("images/", "iiif/")) for key in keys), keys  # renditions, tiles


# -- Settings ------------------------------------------------------------------------------------


def test_object_storage_is_off_without_a_bucket():
    assert s3_storages({}) == {}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"AWS_STORAGE_BUCKET_NAME": "media"}, "LEPORELLO_S3_PRIVATE_BUCKET_NAME"),
        (
            {"AWS_STORAGE_BUCKET_NAME": "media", "LEPORELLO_S3_PRIVATE_BUCKET_NAME": "media"},
            "another bucket",
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "media",
                "LEPORELLO_S3_PRIVATE_BUCKET_NAME": "private",
                "LEPORELLO_S3_SIGNED_URL_SECONDS": "5 minutes",
            },
            "whole number",
        ),
    ],
)
def test_object_storage_settings_refuse_what_would_expose_private_files(env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        s3_storages(env)


def test_production_settings_put_media_and_private_files_in_their_buckets(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "museum.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "LEPORELLO_PUBLIC_BASE_URL": "https://museum.example",
        "AWS_STORAGE_BUCKET_NAME": "museum-media",
        "LEPORELLO_S3_PRIVATE_BUCKET_NAME": "museum-private",
        "AWS_S3_ENDPOINT_URL": "http://minio:9000",
    }
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import default_storage, storages\n"
        "from wagtail.documents import get_document_model\n"
        "from catalogue.models import CatalogueImage, CatalogueRendition\n"
        "from printing.models import CatalogueJob\n"
        "field = lambda model: model._meta.get_field('file').storage\n"
        "print(field(CatalogueRendition).bucket_name, field(CatalogueImage).bucket_name,"
        " field(get_document_model()).bucket_name, field(CatalogueJob).bucket_name,"
        " field(CatalogueJob).querystring_auth, field(CatalogueRendition).querystring_auth,"
        " settings.WAGTAILDOCS_SERVE_METHOD)\n"
    )
    result = subprocess.run(  # noqa: S603 (our interpreter, fixed script)
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == [
        "museum-media",  # renditions: the only public files
        "museum-private",  # original images
        "museum-private",  # documents (loan agreements)
        "museum-private",  # catalogue PDFs
        "True",  # private addresses are signed
        "False",  # renditions have plain addresses a CDN can cache
        "redirect",  # documents: the permission-checked view redirects, never links the file
    ]


def test_health_probe_names_a_folder_on_disk_it_cannot_write(settings, tmp_path):
    from config.storage import storage_problems

    assert storage_problems() == []
    (tmp_path / "volume").write_text("a file where the folder should be")
    settings.LEPORELLO_PRIVATE_ROOT = tmp_path / "volume" / "private"
    assert [alias for alias, _message in storage_problems()] == ["private"]


def test_health_probe_names_an_unreachable_bucket(s3, settings):
    from config.storage import storage_problems

    assert storage_problems() == []
    env = {**s3.env, "LEPORELLO_S3_PRIVATE_BUCKET_NAME": "no-such-bucket"}
    settings.STORAGES = {**settings.STORAGES, **s3_storages(env)}
    assert [alias for alias, _message in storage_problems()] == ["default", "private"]


# -- Images ----------------------------------------------------------------------------------------


def test_an_image_uploaded_in_the_admin_has_its_renditions_in_the_public_bucket(
    s3, client_for, curator, django_capture_on_commit_callbacks
):
    image = upload_image(client_for(curator), django_capture_on_commit_callbacks)

    renditions = list(image.renditions.all())
    assert len(renditions) >= 10  # every visitor size and format, made on upload
    public_keys = s3.keys(s3.public)
    assert {r.file.name for r in renditions} <= set(public_keys)
    assert_public_bucket_holds_only_renditions(s3)
    # Visitors' browsers read a rendition by its plain address.
    rendition = image.get_rendition("width-1024|format-jpeg")
    assert rendition.url.startswith(f"{s3.endpoint}/{s3.public}/images/")
    status, body = fetch(rendition.url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).size == (640, 480)
    stored = s3.client.head_object(Bucket=s3.public, Key=rendition.file.name)
    assert stored["ContentType"] == "image/jpeg"
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"  # CDN may keep it

    # The web master (sRGB, no metadata) and the uploaded original are private: in the private
    # bucket, refused without a signature; the original comes back byte for byte.
    assert sorted(s3.keys(s3.private)) == sorted([image.file.name, image.original.name])
    assert image.file.name.startswith("original_images/")
    for stored_file in (image.file, image.original):
        status, _body = fetch(unsigned(stored_file.url))
        assert status == 403
    status, body = fetch(image.original.url)  # the signed address (registrar only)
    assert status == 200 and body == jpeg_bytes((640, 480))
    status, body = fetch(image.file.url)
    assert status == 200 and PILImage.open(io.BytesIO(body)).size == (640, 480)


def test_a_public_work_page_shows_the_photograph_from_the_public_bucket(
    s3, client, client_for, curator, django_capture_on_commit_callbacks
):
    from catalogue.models import WorkPage

    image = upload_image(client_for(curator), django_capture_on_commit_callbacks)
    client.logout()
    work = WorkPage.objects.live().first()
    work.image = image
    with django_capture_on_commit_callbacks(execute=True):
        work.save_revision().publish()
    html = client.get(work.get_url()).content.decode()
    assert f"{s3.endpoint}/{s3.public}/images/" in html
    assert s3.private not in html
    assert "original_images" not in html


def test_wall_labels_print_the_photograph_from_the_object_store(
    s3, client_for, curator, django_capture_on_commit_callbacks, tmp_path, settings
):
    from printing.labels import LabelOptions, render_labels
    from printing.lookup import stop_entries
    from printing.options import parse_label_size
    from tests.factories.printing import stop_with, work_without_image

    settings.LEPORELLO_PRINT_IMAGE_CACHE = tmp_path / "print-images"
    image = upload_image(client_for(curator), django_capture_on_commit_callbacks)
    work = work_without_image("BL-S3-01")
    work.image = image
    work.save_revision().publish()
    stop = stop_with([work], slug="s3-2030")
    result = render_labels(
        stop,
        stop_entries(stop),
        LabelOptions(size=parse_label_size("a6"), placeholders=True, allow_low_resolution=True),
    )

    listing = subprocess.run(  # noqa: S603 (poppler-utils)
        [shutil.which("pdfimages"), "-list", "-"],
        input=result.pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert len(listing.strip().splitlines()) == 3  # two header lines and the photograph
    copies = list((tmp_path / "print-images").glob("*/*"))
    assert len(copies) == 1 and copies[0].read_bytes()[:2] == b"\xff\xd8"  # read via the API


# -- Private files ---------------------------------------------------------------------------------


def test_a_loan_agreement_is_reached_only_through_the_permission_checked_view(
    s3, client, client_for, registrar, curator, django_capture_on_commit_callbacks
):
    collection = Collection.objects.get(name=LOAN_COLLECTION)
    registrar_client = client_for(registrar)
    response = registrar_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Leihvertrag BL-R-01",
            "file": SimpleUploadedFile("leihvertrag.pdf", b"%PDF-1.4 Leihvertrag vertraulich"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = get_document_model().objects.get(title="Leihvertrag BL-R-01")
    assert s3.keys(s3.private) == [document.file.name]
    assert_public_bucket_holds_only_renditions(s3)
    assert s3.keys(s3.public) == []

    # Everyone gets the view's address, never the bucket's.
    assert document.url.startswith("/documents/")
    # The registrar is sent to a signed address that works and expires.
    response = registrar_client.get(document.url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{s3.endpoint}/{s3.private}/documents/")
    assert_signed_for(location, 300)
    assert fetch(location) == (200, b"%PDF-1.4 Leihvertrag vertraulich")
    # The object's plain address is refused.
    assert fetch(unsigned(location))[0] == 403

    # Anonymous visitors and curators are sent to the login, not to the file.
    for who in (None, curator):
        client.logout()
        if who:
            client.force_login(who)
        response = client.get(document.url)
        assert response.status_code in (302, 403)
        assert s3.endpoint not in response.get("Location", "")
        assert b"vertraulich" not in b"".join(
            getattr(response, "streaming_content", [response.content])
        )


def test_signed_addresses_last_as_long_as_configured(s3, settings):
    env = {**s3.env, "LEPORELLO_S3_SIGNED_URL_SECONDS": "60"}
    settings.STORAGES = {**settings.STORAGES, **s3_storages(env)}
    document = loan_agreement("Leihvertrag kurz", b"kurz", "kurz.txt")
    assert_signed_for(document.file.url, 60)


def test_the_media_origins_for_a_content_security_policy_are_where_renditions_come_from(
    s3, settings
):
    from django.core.files.storage import storages

    from config.storage import s3_media_origins

    for extra in ({}, {"LEPORELLO_S3_PUBLIC_ENDPOINT_URL": "https://s3.museum.example:8443/"}):
        env = {**s3.env, **extra}
        settings.STORAGES = {**settings.STORAGES, **s3_storages(env)}
        parts = urlsplit(storages["media"].url("images/a.jpg"))
        assert s3_media_origins(env) == [f"{parts.scheme}://{parts.netloc}"]
    assert s3_media_origins({}) == []
    assert s3_media_origins({**s3.env, "AWS_S3_CUSTOM_DOMAIN": "cdn.museum.example"}) == [
        "https://cdn.museum.example"
    ]


def test_the_public_endpoint_signs_addresses_for_the_browsers_host(s3, settings):
    env = {**s3.env, "LEPORELLO_S3_PUBLIC_ENDPOINT_URL": "https://s3.museum.example"}
    settings.STORAGES = {**settings.STORAGES, **s3_storages(env)}
    document = loan_agreement("Leihvertrag öffentlich signiert", b"x", "x.txt")
    # The app stored it through the internal endpoint; the browser's address names the public one.
    assert s3.keys(s3.private) == [document.file.name]
    url = document.file.url
    assert url.startswith(f"https://s3.museum.example/{s3.private}/documents/")
    assert_signed_for(url, 300)
    # Renditions: plain addresses on the same public host.
    from django.core.files.storage import storages

    assert (
        storages["media"].url("images/rhein.width-1024.jpg")
        == f"https://s3.museum.example/{s3.public}/images/rhein.width-1024.jpg"
    )


def test_a_catalogue_pdf_is_downloaded_only_through_the_job_view(
    s3, client, client_for, curator, translator
):
    from exhibition.models import ExhibitionPage

    job = CatalogueJob.objects.create(
        exhibition=ExhibitionPage.objects.get(slug="flusslandschaften"),
        languages="de,zh-hans",
        status=CatalogueJob.Status.DONE,
    )
    job.file.save("katalog-flusslandschaften.pdf", ContentFile(b"%PDF-1.7 Katalog"), save=True)
    assert s3.keys(s3.private) == [job.file.name]
    assert job.file.name.startswith("printing/catalogues/")
    assert s3.keys(s3.public) == []
    url = reverse("printing:job_download", args=(job.pk,))

    response = client.get(url)  # anonymous: the admin login
    assert response.status_code == 302 and s3.endpoint not in response["Location"]
    response = client_for(translator).get(url)  # staff without tour permissions
    assert response.status_code in (302, 403) and s3.endpoint not in response.get("Location", "")

    response = client_for(curator).get(url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{s3.endpoint}/{s3.private}/printing/catalogues/")
    assert "no-store" in response["Cache-Control"]  # no proxy keeps the signed address
    assert_signed_for(location, 300)
    disposition = parse_qs(urlsplit(location).query)["response-content-disposition"][0]
    assert disposition == "attachment; filename*=UTF-8''katalog-flusslandschaften.pdf"
    assert fetch(location) == (200, b"%PDF-1.7 Katalog")
    assert fetch(unsigned(location))[0] == 403

    job.delete()  # pruning a job removes its PDF from the bucket
    assert s3.keys(s3.private) == []
