"""Issue 10, reproduction 1: the PDF renderer reads no local file and opens no connection.

Each attack is rendered through the code path of a real printout (printing.pdf.render_pdf, the
catalogue, the label workers, the packing list) and must leave no attachment (pdfdetach, pikepdf),
no foreign image or text in the PDF, and no request at a listener on 127.0.0.1.
"""

import base64
import io
import logging
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings

from exhibition.models import ExhibitionPage, TransitLeg
from gates.pdf_settings import project_url_fetcher
from gates.url_fetcher import RefusedURL, SealedURLFetcher
from printing.pdf import render_pdf
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue
from tests.factories import module_data
from tests.factories.logistics import duesseldorf_to_chongqing
from tests.factories.printing import stop_with
from tests.factories.trees import rhine_and_yangtze_tour

from . import pdftools

pytestmark = pytest.mark.usefixtures("tour")


@module_data
def tour():
    """Two works with pictures in `flusslandschaften`, a rendition on disk, the leg with crates."""
    tour = rhine_and_yangtze_tour(("BL-R-01", "BL-J-01"))
    tour.works["BL-R-01"].image.get_rendition("max-200x200")
    duesseldorf_to_chongqing(tour)
    return tour


PHOTOS = Path(settings.BASE_DIR).parent / "shared" / "testdata" / "photos"
ATTACKS = (
    Path(settings.BASE_DIR).parent / "shared" / "testdata" / "bad-input" / "rich-text-attacks.txt"
)


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it is offered."""

    def __init__(self, port=0):
        self.connections = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Port 0: a free port the system picks, so that parallel test processes never collide.
        self.sock.bind(("127.0.0.1", port))
        port = self.sock.getsockname()[1]
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{port}"

    def _serve(self):
        while self.running:
            try:
                conn, _address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(conn.recv(1024))
            conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/css\r\n\r\nbody{}")
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def secret_files():
    """Files outside every readable root: a photo, a stylesheet, a text (like /etc/passwd)."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        shutil.copy(PHOTOS / "adobe-rgb-1998.jpg", folder / "secret.jpg")
        (folder / "secret.css").write_text('body::after { content: "LEAKED-BY-CSS"; }')
        (folder / "secret.txt").write_text("root:x:0:0:LEAKED-SECRET\n")
        yield folder


def attachments(pdf):
    """Names pdfdetach lists, plus pikepdf's count of embedded files and file annotations."""
    listed = pdftools.attachment_list(pdf)
    names = [line.split(":", 1)[1].strip() for line in listed.splitlines()[1:]]
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        annotations = [
            annot
            for page in doc.pages
            for annot in page.get("/Annots", [])
            if annot.get("/Subtype") == "/FileAttachment"
        ]
        return names + [str(name) for name in doc.attachments] + annotations


def image_count(pdf):
    """Distinct image objects drawn in the PDF."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return len({image.objgen for page in doc.pages for image in page.get_images().values()})


def page_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(  # noqa: S603
            ["pdftotext", file.name, "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def _html(body):
    return f"<!doctype html><html><head></head><body><p>Text</p>{body}</body></html>"


# One test per attack (issue 10, reproduction 1), through printing.pdf.render_pdf.


def test_a_rel_attachment_embeds_nothing():
    pdf = render_pdf(_html('<a rel="attachment" href="file:///etc/passwd">attachment</a>'))
    assert attachments(pdf) == []
    assert b"root:x:0:0" not in pdf


def test_link_rel_attachment_embeds_nothing():
    html = (
        '<html><head><link rel="attachment" href="file:///etc/passwd"></head><body>x</body></html>'
    )
    pdf = render_pdf(html)
    assert attachments(pdf) == []
    assert b"root:x:0:0" not in pdf


def test_attachment_of_a_readable_file_is_left_out_too():
    """Even a file the fetcher may read (a print stylesheet) is never attached."""
    pdf = render_pdf(_html('<a rel="attachment" href="house.css">styles</a>'))
    assert attachments(pdf) == []


def test_img_with_file_address_outside_the_roots_is_not_read(secret_files, caplog):
    caplog.set_level(logging.WARNING, logger="gates.url_fetcher")
    pdf = render_pdf(_html(f'<img src="{(secret_files / "secret.jpg").as_uri()}">'))
    assert image_count(pdf) == 0
    assert "PDF renderer refused" in caplog.text


def test_css_url_and_import_read_no_file(secret_files):
    css = (secret_files / "secret.css").as_uri()
    jpg = (secret_files / "secret.jpg").as_uri()
    html = _html(
        f"<style>@import url({css});</style>"
        f'<link rel="stylesheet" href="{css}">'
        f'<p style="background: url({jpg}) no-repeat">styled</p>'
    )
    pdf = render_pdf(html)
    assert "LEAKED-BY-CSS" not in page_text(pdf)
    assert image_count(pdf) == 0


def test_object_and_embed_read_no_file(secret_files):
    jpg = (secret_files / "secret.jpg").as_uri()
    pdf = render_pdf(_html(f'<object data="{jpg}"></object><embed src="{jpg}">'))
    assert image_count(pdf) == 0


def test_parent_folder_and_symlink_tricks_are_refused(secret_files):
    renditions = Path(settings.MEDIA_ROOT) / "images"
    renditions.mkdir(parents=True, exist_ok=True)
    link = renditions / "innocent-looking.jpg"
    link.symlink_to(secret_files / "secret.jpg")
    try:
        dotted = f"file://{renditions}/../../../../../../..{secret_files}/secret.jpg"
        html = _html(f'<img src="{link.as_uri()}"><img src="{dotted}">')
        pdf = render_pdf(html, url_fetcher=project_url_fetcher())
        assert image_count(pdf) == 0
    finally:
        link.unlink()


def test_http_to_a_local_listener_sends_no_request(listener):
    html = _html(
        f'<img src="{listener.url}/probe.png">'
        f"<style>@import url({listener.url}/x.css);</style>"
        f'<link rel="stylesheet" href="{listener.url}/y.css">'
        f'<p style="background: url({listener.url}/bg.png)">styled</p>'
        f'<a rel="attachment" href="{listener.url}/attach">a</a>'
    )
    pdf = render_pdf(html, url_fetcher=project_url_fetcher())
    assert listener.connections == []
    assert attachments(pdf) == []


def test_data_address_over_the_limit_is_refused():
    photo = (PHOTOS / "adobe-rgb-1998.jpg").read_bytes()
    big = "data:image/jpeg;base64," + base64.b64encode(photo).decode()
    fetcher = SealedURLFetcher([], data_limit=len(big) - 1)
    assert image_count(render_pdf(_html(f'<img src="{big}">'), url_fetcher=fetcher)) == 0
    fetcher = SealedURLFetcher([], data_limit=len(big))
    assert image_count(render_pdf(_html(f'<img src="{big}">'), url_fetcher=fetcher)) == 1


def test_default_limit_refuses_a_large_data_address():
    blob = "data:text/css;base64," + base64.b64encode(b"/*" + b"x" * 400_000 + b"*/").decode()
    with pytest.raises(RefusedURL):
        project_url_fetcher()(blob)


def test_renditions_and_print_styles_are_still_read():
    fetcher = project_url_fetcher()
    rendition = next((Path(settings.MEDIA_ROOT) / "images").glob("*.jpg"), None)
    assert rendition is not None, "the demo made renditions"
    assert fetcher(rendition.as_uri()).read()[:2] == b"\xff\xd8"
    assert (
        b"font-family"
        in fetcher((Path(settings.BASE_DIR) / "printing/styles/house.css").as_uri()).read()
    )
    original = next((Path(settings.MEDIA_ROOT) / "original_images").glob("*"))
    with pytest.raises(RefusedURL):
        fetcher(original.as_uri())  # printouts use renditions, never the uploaded original


# The same attacks through each printout's own code path.


def _every_attack(listener, secret_files):
    corpus = ATTACKS.read_text().replace("http://127.0.0.1:9", listener.url)
    corpus = "\n".join(line for line in corpus.splitlines() if not line.startswith("#"))
    jpg = (secret_files / "secret.jpg").as_uri()
    return (
        corpus
        + f'<img src="{jpg}"><p style="background:url({jpg})">bg</p>'
        + f'<link rel="attachment" href="{(secret_files / "secret.txt").as_uri()}">'
        + f'<a rel="attachment" href="{(secret_files / "secret.txt").as_uri()}">secret</a>'
    )


def inject(monkeypatch, module, name, listener, secret_files):
    """Every attack at the end of the body of the HTML that `module.name` returns, as if it had
    got past sanitising."""
    attack = _every_attack(listener, secret_files)
    original = getattr(module, name)

    def with_attack(*args, **kwargs):
        return original(*args, **kwargs).replace("</body>", attack + "</body>")

    monkeypatch.setattr(module, name, with_attack)


@pytest.mark.django_db
def test_catalogue_with_every_attack_in_its_html(listener, secret_files, monkeypatch):
    """The fetcher is the second wall: even markup that got past sanitising reads nothing."""
    from printing import printed_catalogue

    inject(monkeypatch, printed_catalogue, "printed_catalogue_html", listener, secret_files)
    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    work = exhibition.works().filter(image__isnull=False).first()
    stop = stop_with([work])
    pdf = make_printed_catalogue(
        exhibition, stop, PrintedCatalogueOptions(languages=["de"], allow_low_resolution=True)
    ).pdf
    assert attachments(pdf) == []
    assert listener.connections == []
    assert b"LEAKED-SECRET" not in pdf
    assert image_count(pdf) == 2  # the cover and the plate (renditions), nothing else


@pytest.mark.django_db
def test_label_workers_are_sealed_too(listener, secret_files, monkeypatch):
    """Labels laid out in worker processes (printing.render_worker) use the same fetcher."""
    from printing import labels
    from printing.labels import LabelOptions, render_labels
    from printing.options import parse_label_size

    monkeypatch.setattr(settings, "LEPORELLO_PRINT_PROCESSES", 2)
    monkeypatch.setattr(settings, "LEPORELLO_PRINT_MIN_LABELS_PER_PROCESS", 1)
    inject(monkeypatch, labels, "labels_html", listener, secret_files)
    exhibition = ExhibitionPage.objects.get(slug="flusslandschaften")
    stop = stop_with(list(exhibition.works().filter(image__isnull=False)[:2]))
    entries = list(stop.checklist.order_by("sort_order"))
    options = LabelOptions(
        size=parse_label_size("a5"), placeholders=True, allow_low_resolution=True
    )
    result = render_labels(stop, entries, options, images=False)
    assert attachments(result.pdf) == []
    assert listener.connections == []
    assert b"LEAKED-SECRET" not in result.pdf


@pytest.mark.django_db
def test_packing_list_is_sealed(listener, secret_files, monkeypatch):
    from exhibition import packing_pdf

    inject(monkeypatch, packing_pdf, "packing_list_html", listener, secret_files)
    pdf = packing_pdf.packing_list_pdf(TransitLeg.objects.first())
    assert attachments(pdf) == []
    assert listener.connections == []
    assert b"LEAKED-SECRET" not in pdf
