"""Photographs as photographers deliver them (issue 12, issue 10 item 5): every file of the
generated corpus (tests/photo_corpus.py) is uploaded through the admin form and checked end to
end: stored or refused with a message naming the format; the web master upright, 8-bit sRGB
within ΔE 3 of the source; renditions made; no public file carrying GPS or camera data."""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalogue import photos
from catalogue.models import CatalogueImage
from catalogue.renditions import all_specs
from tests import photo_corpus
from tests.photo_corpus import PATCH_BOX, delta_e, lab_of

pytestmark = pytest.mark.django_db

CORPUS = {sample.name: sample for sample in photo_corpus.corpus()}
ACCEPTED = [name for name, sample in CORPUS.items() if sample.expect == "accept"]
REFUSED = [name for name, sample in CORPUS.items() if sample.expect != "accept"]
# What each refusal message must name, so the curator knows what the file is.
REFUSAL_NAMES = {
    "drawing.gif": "GIF",
    "scan.bmp": "BMP",
    "float.tif": '"F"',  # the pixel format, in quotes
    "bmp-named.jpg": "BMP",
}
# Metadata no public file may carry (exiftool tag names; GPS* as a prefix).
PRIVATE_TAGS = {
    "Make",
    "Model",
    "SerialNumber",
    "BodySerialNumber",
    "Artist",
    "MakerNote",
    "MakerNoteUnknownText",
    "History",
    "Software",
    "Comment",
    "Copyright",
}
PRIVATE_INFO = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc"}


def upload(client, name, content, title="Upload"):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def mean_colour(image, box):
    region = image.convert("RGB").crop(box)
    pixels = list(region.get_flattened_data())
    return tuple(round(sum(p[i] for p in pixels) / len(pixels)) for i in range(3))


def private_metadata_by_pillow(path):
    """The private metadata Pillow finds in a file: info keys and EXIF tags."""
    with Image.open(path) as image:
        found = sorted(PRIVATE_INFO & set(image.info))
        exif = image.getexif()
        found += [f"EXIF {tag:#x}" for tag in exif]
        found += [f"GPS {tag}" for tag in exif.get_ifd(0x8825)]
    return found


def private_metadata_by_exiftool(paths):
    """{file: [group:tag]} of private metadata exiftool reads (skipped without exiftool)."""
    if shutil.which("exiftool") is None:
        return {}
    output = subprocess.run(  # noqa: S603
        ["exiftool", "-j", "-G", "-a", "-u", *map(str, paths)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = {}
    for record in json.loads(output or "[]"):
        bad = [
            key
            for key in record
            if not key.startswith(("ICC_Profile:", "File:", "ExifTool:", "SourceFile"))
            and (key.split(":")[-1] in PRIVATE_TAGS or key.split(":")[-1].startswith("GPS"))
        ]
        if bad:
            found[record["SourceFile"]] = bad
    return found


@pytest.fixture
def curator_client(client_for, curator):
    return client_for(curator)


def test_the_corpus_names_a_use_for_every_file():
    assert len(ACCEPTED) >= 17 and len(REFUSED) >= 4
    # The private sample really carries what must be stripped (else the test below proves nothing).
    source = CORPUS["gps-and-camera.jpg"].content
    with Image.open(io.BytesIO(source)) as image:
        assert image.getexif()[0x010F] == "ExampleCam"
        assert image.getexif().get_ifd(0x8825)[1] == "N"
        assert "xmp" in image.info


@pytest.mark.parametrize("name", ACCEPTED)
def test_a_photographers_file_is_stored_with_a_clean_srgb_web_master(curator_client, name):
    sample = CORPUS[name]
    response = upload(curator_client, name, sample.content)
    assert response.status_code == 302, response.context["form"].errors
    image = CatalogueImage.objects.get(title="Upload")

    # The original is kept byte for byte, privately; the public file is the web master.
    original = Path(image.original.path)
    assert original.read_bytes() == sample.content
    assert Path(settings.LEPORELLO_PRIVATE_ROOT) in original.parents
    assert Path(settings.MEDIA_ROOT) not in original.parents
    master_path = Path(image.file.path)
    with Image.open(master_path) as master:
        assert master.format in ("JPEG", "PNG")
        assert master.mode in ("RGB", "RGBA", "L")
        assert master.size == sample.size == (image.width, image.height)
        if master.mode != "L":
            assert master.info["icc_profile"] == photos.srgb_profile_bytes()
        if sample.patch_lab:
            measured = lab_of(mean_colour(master, PATCH_BOX))
            assert delta_e(measured, sample.patch_lab) <= 3, (measured, sample.patch_lab)

    # Every visitor rendition (AVIF, WebP, JPEG, zoom) can be made and carries nothing private.
    renditions = image.get_renditions(*all_specs())
    assert len(renditions) == len(all_specs())
    public = [master_path] + [Path(r.file.path) for r in renditions.values()]
    for path in public:
        assert private_metadata_by_pillow(path) == [], path
    assert private_metadata_by_exiftool(public) == {}


def test_exif_orientation_6_is_applied_to_the_pixels(curator_client):
    sample = CORPUS["orientation-6.jpg"]
    assert upload(curator_client, sample.name, sample.content).status_code == 302
    image = CatalogueImage.objects.get(title="Upload")
    with Image.open(image.file.path) as master:
        assert master.size == (80, 120)  # portrait, as the camera was held
        assert 0x0112 not in master.getexif()
        # The flat patch (left of the landscape pixels) is on top once turned 90° clockwise.
        top, bottom = mean_colour(master, (10, 5, 70, 50)), mean_colour(master, (10, 70, 70, 115))
    assert delta_e(lab_of(top), lab_of(photo_corpus.PATCH_RGB)) <= 3
    assert delta_e(lab_of(bottom), lab_of(photo_corpus.PATCH_RGB)) > 20
    rendition = image.get_rendition("width-60|format-jpeg")
    assert (rendition.width, rendition.height) == (60, 90)


@pytest.mark.parametrize("name", REFUSED)
def test_a_file_that_is_no_usable_photograph_is_refused_naming_its_format(curator_client, name):
    sample = CORPUS[name]
    before = CatalogueImage.objects.count()
    response = upload(curator_client, name, sample.content)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert {error.code for error in errors} == {sample.expect}
    message = errors[0].messages[0]
    assert REFUSAL_NAMES[name] in re.sub("[“”„]", '"', message)
    assert message in response.content.decode()
    assert CatalogueImage.objects.count() == before


def test_refusals_say_what_to_export_instead(curator_client):
    response = upload(curator_client, "scan.bmp", CORPUS["scan.bmp"].content)
    message = response.context["form"].errors["file"][0]
    assert "JPEG" in message and "TIFF" in message


# Issue 10, item 5: a valid .tiff was accepted and then /admin/images/ and every chooser answered
# 500 ("Unknown output image format 'tiff'"); the same file named .tif was refused.
@pytest.mark.parametrize("name", ["scan.tif", "scan.tiff"])
def test_tiff_either_ending_is_accepted_and_the_admin_still_lists_images(curator_client, name):
    content = CORPUS["rgb8.tiff"].content
    assert upload(curator_client, name, content).status_code == 302
    image = CatalogueImage.objects.get(title="Upload")
    assert Image.open(image.file.path).format == "JPEG"
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        response = curator_client.get(url)
        assert response.status_code == 200, url
        assert "Upload" in response.content.decode()


def stored_without_upload_checks(name, content, title):
    """An image whose file was stored before uploads were checked (or broke later on disk)."""
    image = CatalogueImage.objects.create(
        title=title,
        file=SimpleUploadedFile(
            "placeholder.png", photo_corpus.encode(photo_corpus.patch_image(), "PNG")
        ),
    )
    path = Path(settings.MEDIA_ROOT) / "original_images" / name
    path.write_bytes(content)
    CatalogueImage.objects.filter(pk=image.pk).update(file=f"original_images/{name}")
    image.renditions.all().delete()
    return CatalogueImage.objects.get(pk=image.pk)


def test_a_tiff_stored_before_the_fix_renders_as_jpeg_in_the_admin(curator_client):
    image = stored_without_upload_checks("legacy.tiff", CORPUS["rgb8.tiff"].content, "Legacy")
    response = curator_client.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert image.get_rendition("max-165x165").file.name.endswith(".jpg")


def test_a_stored_image_that_cannot_be_rendered_shows_as_broken_with_a_message(curator_client):
    image = stored_without_upload_checks("broken.jpg", b"\xff\xd8\xff\xe0 not really", "Kaputt")
    listing = curator_client.get(reverse("wagtailimages:index"))
    assert listing.status_code == 200
    assert "Kaputt" in listing.content.decode()
    assert "image-problem" in listing.content.decode()
    assert curator_client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
    edit = curator_client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert edit.status_code == 200
    assert "image-problem" in edit.content.decode()


def test_pillow_follows_the_one_pixel_limit_setting(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 200_000_000
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 5_000
    assert Image.MAX_IMAGE_PIXELS == 5_000


def test_more_pixels_than_the_setting_are_refused_naming_the_limit(curator_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 5_000
    response = upload(curator_client, "big.jpg", CORPUS["baseline.jpg"].content)
    errors = response.context["form"].errors.as_data()["file"]
    assert {error.code for error in errors} == {"file_too_many_pixels"}
    assert CatalogueImage.objects.count() == CatalogueImage.objects.count()


def test_a_96_megapixel_photograph_is_accepted(curator_client):
    """12,000 x 8,000 is above Pillow's default limit (89.5 MP) and below the documented 200."""
    buffer = io.BytesIO()
    Image.new("L", (12_000, 8_000), 90).save(buffer, "PNG", compress_level=1)
    response = upload(curator_client, "large.png", buffer.getvalue())
    assert response.status_code == 302, response.context["form"].errors
    image = CatalogueImage.objects.get(title="Upload")
    assert (image.width, image.height) == (12_000, 8_000)


def test_only_the_registrar_downloads_the_original_with_its_metadata(
    client_for, curator, registrar
):
    sample = CORPUS["gps-and-camera.jpg"]
    assert upload(client_for(curator), sample.name, sample.content).status_code == 302
    image = CatalogueImage.objects.get(title="Upload")
    url = reverse("catalogue_image_original", args=[image.pk])
    # The curator sees the image but neither the link nor the file.
    edit = client_for(curator).get(reverse("wagtailimages:edit", args=[image.pk]))
    assert url not in edit.content.decode()
    # Refused the same way (Wagtail's redirect with a message) whether the image exists or not.
    refused = client_for(curator).get(url)
    missing = client_for(curator).get(reverse("catalogue_image_original", args=[99999]))
    assert refused.status_code == missing.status_code == 302
    assert refused["Location"] == missing["Location"]
    # No public address serves it: the web master is what MEDIA_URL holds.
    assert b"ExampleCam" not in Path(image.file.path).read_bytes()
    assert client_for(curator).get(reverse("catalogue_originals")).status_code == 302
    # The registrar finds it in the admin menu's list of originals.
    registrar_client = client_for(registrar)
    listing = registrar_client.get(reverse("catalogue_originals"))
    assert listing.status_code == 200
    assert url in listing.content.decode()
    assert reverse("catalogue_originals") in registrar_client.get("/admin/").content.decode()
    response = registrar_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sample.content
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("name", ["gps-and-camera.jpg", "gps-and-camera.tif", "phone.heic"])
def test_no_public_file_of_a_camera_photograph_carries_gps_or_camera_data(curator_client, name):
    """The issue's reproduction: renditions (JPEG, WebP, AVIF) and the zoom image of a file with
    GPS, make/model, serial, artist, maker note, XMP history and a comment keep none of them."""
    if name not in CORPUS:
        pytest.skip("pillow-heif cannot write HEIC here")
    assert upload(curator_client, name, CORPUS[name].content).status_code == 302
    image = CatalogueImage.objects.get(title="Upload")
    renditions = image.get_renditions(*all_specs())
    public = [Path(image.file.path)] + [Path(r.file.path) for r in renditions.values()]
    found = {str(path.name): private_metadata_by_pillow(path) for path in public}
    assert {name: tags for name, tags in found.items() if tags} == {}
    assert private_metadata_by_exiftool(public) == {}
    for path in public:
        assert b"ExampleCam" not in path.read_bytes()
        assert b"Invented Artist" not in path.read_bytes()


def shared_photo(name):
    folder = Path(settings.BASE_DIR).parent / "shared" / "testdata" / "photos"
    if not folder.is_dir():
        pytest.skip("the shared photo corpus is not beside this checkout (../shared)")
    return (folder / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("exif-orientation-6.jpg", (1200, 1600)),
        ("cmyk.jpg", (1200, 800)),
        ("adobe-rgb-1998.jpg", (1200, 800)),
        ("gps-and-camera-exif.jpg", (1200, 800)),
    ],
)
def test_the_shared_lab_and_camera_files_upload_upright_in_srgb_and_clean(
    curator_client, name, size
):
    content = shared_photo(name)
    assert upload(curator_client, name, content).status_code == 302
    image = CatalogueImage.objects.get(title="Upload")
    assert (image.width, image.height) == size
    rendition = image.get_rendition("width-400|format-jpeg")
    assert abs(rendition.height - 400 * size[1] / size[0]) < 1
    for path in (Path(image.file.path), Path(rendition.file.path)):
        assert private_metadata_by_pillow(path) == []
        with Image.open(path) as public:
            assert public.mode == "RGB"
            assert public.info["icc_profile"] == photos.srgb_profile_bytes()
    assert private_metadata_by_exiftool([image.file.path, rendition.file.path]) == {}


def test_the_multiple_upload_normalises_and_refuses_the_same_way(curator_client):
    """Curators mostly drop several files at once: the same step runs there."""
    url = reverse("wagtailimages:add_multiple")
    ok = curator_client.post(
        url,
        {
            "files[]": SimpleUploadedFile("scan.tif", CORPUS["gps-and-camera.tif"].content),
            "collection": 1,
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert ok.status_code == 200 and ok.json()["success"], ok.content
    image = CatalogueImage.objects.get(pk=ok.json()["image_id"])
    assert Image.open(image.file.path).format == "JPEG"
    assert private_metadata_by_pillow(image.file.path) == []
    refused = curator_client.post(
        url,
        {"files[]": SimpleUploadedFile("scan.bmp", CORPUS["scan.bmp"].content), "collection": 1},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert not refused.json()["success"]
    assert "BMP" in refused.json()["error_message"]


def test_a_file_already_in_public_storage_is_normalised_and_the_public_copy_removed(
    django_capture_on_commit_callbacks,
):
    """Wagtail's deferred multiple upload (and commands) set a file that is already stored."""
    storage = CatalogueImage._meta.get_field("file").storage
    content = CORPUS["gps-and-camera.jpg"].content
    staged = storage.save("original_images/staged.jpg", io.BytesIO(content))
    image = CatalogueImage(title="Staged")
    image.file.name = staged
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert not storage.exists(staged)
    assert image.file.name != staged
    assert private_metadata_by_pillow(image.file.path) == []
    assert Path(image.original.path).read_bytes() == content
