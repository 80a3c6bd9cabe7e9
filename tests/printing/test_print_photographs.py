"""Photographs in print (issue 12): colours survive into the labels and catalogue PDFs (rasterised
with pdftoppm, within ΔE 3 of the source), and a work whose image cannot be rendered is named
instead of a traceback."""

import io
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from PIL import Image

from catalogue.models import CatalogueImage, WorkPage
from printing.labels import LabelOptions, render_labels
from printing.lookup import stop_entries
from printing.options import parse_label_size
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue
from printing.texts import PrintError
from tests import photo_corpus
from tests.factories import module_data
from tests.factories.printing import stop_with
from tests.factories.trees import rhine_and_yangtze_tour
from tests.photo_corpus import delta_e, lab_of

from . import pdftools

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """BL-R-05 with a picture of its own in `flusslandschaften`; each test hangs it alone."""
    return rhine_and_yangtze_tour(("BL-R-05",))


def uploaded_image(name):
    sample = next(s for s in photo_corpus.corpus() if s.name == name)
    return CatalogueImage.objects.create(
        title=name, file=SimpleUploadedFile(name, sample.content)
    ), sample


def work_with(image):
    work = WorkPage.objects.get(slug="bl-r-05")
    work.image = image
    work.save_revision().publish()
    return WorkPage.objects.get(pk=work.pk)


def page_colour(pdf, page=1):
    """The most frequent saturated colour of a page rendered by pdftoppm (the photograph's)."""
    pdftools.require_tools()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        png = subprocess.run(  # noqa: S603
            ["pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), str(path)],  # noqa: S607
            capture_output=True,
            check=True,
        ).stdout
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = Counter(p for p in image.get_flattened_data() if max(p) - min(p) > 60)
    return counts.most_common(1)[0][0] if counts else None


@pytest.mark.parametrize("name", ["adobe-rgb-red.jpg", "adobe-rgb16.tif", "cmyk.jpg"])
def test_label_prints_the_photographs_colours(name):
    image, sample = uploaded_image(name)
    stop = stop_with([work_with(image)])
    result = render_labels(
        stop,
        stop_entries(stop),
        LabelOptions(size=parse_label_size("a6"), placeholders=True, allow_low_resolution=True),
    )
    printed = page_colour(result.pdf)
    if sample.patch_lab:
        assert delta_e(lab_of(printed), sample.patch_lab) <= 3, printed
    # Screen and print agree: the web master's colour is what is printed.
    with Image.open(image.file.path) as master:
        screen = master.convert("RGB").getpixel((20, 40))
    assert delta_e(lab_of(printed), lab_of(screen)) <= 3, (printed, screen)


def test_adobe_rgb_red_prints_converted_not_as_raw_numbers():
    """(233,24,34) in Adobe RGB is a deeper red than the same numbers in sRGB: printing the
    numbers without the profile would be off by far more than ΔE 3."""
    image, sample = uploaded_image("adobe-rgb-red.jpg")
    stop = stop_with([work_with(image)])
    result = make_printed_catalogue(
        stop.exhibition,
        stop,
        PrintedCatalogueOptions(
            languages=["de", "zh-hans"], profile="screen", allow_low_resolution=True
        ),
    )
    # The cover and the plate show the photograph: every page with colour shows it right.
    printed = [page_colour(result.pdf, n) for n in range(1, result.pages + 1)]
    printed = [colour for colour in printed if colour]
    assert len(printed) >= 2
    for colour in printed:
        assert delta_e(lab_of(colour), sample.patch_lab) <= 3, colour
        assert delta_e(lab_of(colour), lab_of(photo_corpus.ADOBE_RED)) > 6


@pytest.fixture
def break_image():
    """Overwrites an image's file with garbage and drops its renditions; the work's file is put
    back afterwards (files live outside the test's database transaction)."""
    saved = []

    def breaker(image):
        path = Path(image.file.path)
        saved.append((path, path.read_bytes()))
        path.write_bytes(b"\xff\xd8\xff\xe0 not a photograph any more")
        for rendition in image.renditions.all():
            rendition.delete()

    yield breaker
    for path, data in saved:
        path.write_bytes(data)


def test_labels_name_the_work_whose_image_cannot_be_rendered(tmp_path, break_image):
    work = WorkPage.objects.get(slug="bl-r-05")
    break_image(work.image)
    stop = stop_with([work])
    with translation.override("en"), pytest.raises(PrintError) as problem:
        render_labels(
            stop,
            stop_entries(stop),
            LabelOptions(size=parse_label_size("a6"), placeholders=True, allow_low_resolution=True),
        )
    assert "BL-R-05" in str(problem.value)
    assert "Change image file" in str(problem.value)
    with pytest.raises(CommandError, match=r"(?s)Bilddatei ändern.*BL-R-05"):
        call_command(
            "print_labels",
            stop.slug,
            "--placeholders",
            "--allow-low-resolution",
            "--language",
            "de",
            "-o",
            str(tmp_path / "l.pdf"),
        )
    assert not (tmp_path / "l.pdf").exists()


def test_catalogue_names_the_work_whose_image_cannot_be_rendered(break_image):
    work = WorkPage.objects.get(slug="bl-r-05")
    break_image(work.image)
    stop = stop_with([work])
    with pytest.raises(PrintError, match="BL-R-05"):
        make_printed_catalogue(
            stop.exhibition,
            stop,
            PrintedCatalogueOptions(
                languages=["de", "zh-hans"], placeholders=True, allow_low_resolution=True
            ),
        )


def test_pdfs_embed_no_gps_or_camera_data():
    image, _sample = uploaded_image("gps-and-camera.jpg")
    stop = stop_with([work_with(image)])
    labels = render_labels(
        stop,
        stop_entries(stop),
        LabelOptions(size=parse_label_size("a6"), placeholders=True, allow_low_resolution=True),
    ).pdf
    catalogue = make_printed_catalogue(
        stop.exhibition,
        stop,
        PrintedCatalogueOptions(
            languages=["de", "zh-hans"], placeholders=True, allow_low_resolution=True
        ),
    ).pdf
    for pdf in (labels, catalogue):
        # JPEG streams are embedded as they are (DCTDecode): EXIF would be readable as bytes.
        for secret in (b"ExampleCam", b"Model X-1", b"Invented Artist", b"SN-0012345"):
            assert secret not in pdf
