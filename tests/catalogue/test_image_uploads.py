"""Uploads that real users and attackers send: refused with a clear message, nothing stored."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from catalogue.models import CatalogueImage
from tests.badinput import bad_input

pytestmark = pytest.mark.django_db


def stored_files():
    root = settings.MEDIA_ROOT / "original_images"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def jpeg_bytes(size=(800, 600)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 90, 120)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def upload(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def assert_refused(response, before_count, before_files, expect):
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert "file" in errors, errors
    codes = {error.code for error in errors["file"]}
    assert codes & set(expect), (codes, errors["file"])
    # The message is shown to the curator in the form.
    assert errors["file"][0].messages[0] in response.content.decode()
    assert CatalogueImage.objects.count() == before_count
    assert stored_files() == before_files


CORPUS = [
    ("bomb-50000x50000.png", ("file_too_many_pixels",)),
    ("truncated.jpg", ("corrupt_image",)),
    ("not-an-image.jpg", ("invalid_image", "corrupt_image")),
    ("empty.png", ("empty",)),
    ("script.svg", ("invalid_image_extension",)),
    ("html-as.gif", ("invalid_image_extension",)),
]


@pytest.mark.parametrize(("name", "expect"), CORPUS)
def test_bad_uploads_from_the_corpus_are_refused(client_for, curator, name, expect):
    path = bad_input(name)
    client = client_for(curator)
    before_count, before_files = CatalogueImage.objects.count(), stored_files()
    response = upload(client, name, path.read_bytes())
    assert_refused(response, before_count, before_files, expect)


def test_a_jpeg_cut_in_half_is_refused(client_for, curator):
    whole = jpeg_bytes((1200, 900))
    client = client_for(curator)
    before_count, before_files = CatalogueImage.objects.count(), stored_files()
    response = upload(client, "half.jpg", whole[: len(whole) // 2])
    assert_refused(response, before_count, before_files, ("corrupt_image",))


def test_a_jpeg_cut_in_half_is_refused_after_weasyprint_was_imported(client_for, curator):
    """Importing WeasyPrint (any process that printed a PDF) makes Pillow pad truncated files."""
    import weasyprint  # noqa: F401 - its import sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES = True
    from PIL import ImageFile

    ImageFile.LOAD_TRUNCATED_IMAGES = True  # as WeasyPrint leaves it, whatever ran before
    whole = jpeg_bytes((1200, 900))
    client = client_for(curator)
    before_count, before_files = CatalogueImage.objects.count(), stored_files()
    response = upload(client, "half.jpg", whole[: len(whole) // 2])
    assert_refused(response, before_count, before_files, ("corrupt_image",))
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's setting is left as it was


def test_a_png_renamed_to_jpg_is_refused(client_for, curator):
    buffer = io.BytesIO()
    PILImage.new("RGB", (50, 50)).save(buffer, "PNG")
    client = client_for(curator)
    before_count, before_files = CatalogueImage.objects.count(), stored_files()
    response = upload(client, "photo.jpg", buffer.getvalue())
    assert_refused(response, before_count, before_files, ("invalid_image_known_format",))


def test_a_real_photograph_is_accepted_and_renditions_can_be_made(client_for, curator):
    client = client_for(curator)
    response = upload(client, "rhein.jpg", jpeg_bytes())
    assert response.status_code == 302
    image = CatalogueImage.objects.get(title="Upload")
    assert (image.width, image.height) == (800, 600)
    assert image.get_rendition("max-400x400").width == 400
