"""HTML to PDF with the house fonts: the one place WeasyPrint is configured.

No Django or model imports here, so any output (labels, catalogue, a packing list) can share it
and worker processes can import it without settings.
Fonts: Debian's fonts-noto-core (Noto Serif / Noto Sans) for Latin, fonts-noto-cjk (Noto Serif /
Sans CJK SC) for Chinese, both embedded as subsets; libharfbuzz-subset0 keeps subsetting fast.

Long documents of independent pages (wall labels) can be laid out in several processes at once
(`RenderPool`): WeasyPrint uses one core, and a label run is mostly layout. The parts are merged
into one PDF by `printing.merge`.
"""

import logging
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gates.url_fetcher import SealedURLFetcher, strip_attachments

STYLES = Path(__file__).resolve().parent / "styles"
ROOT = Path(__file__).resolve().parent.parent  # where `printing` is importable from

# Families the house stylesheet names; `missing_fonts` says which are missing on this machine.
HOUSE_FONTS = ("Noto Serif", "Noto Sans", "Noto Serif CJK SC", "Noto Sans CJK SC")

logger = logging.getLogger(__name__)


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def stylesheet(name):
    """A parsed stylesheet from printing/styles/, parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=str(STYLES / name), font_config=_font_config(), url_fetcher=_styles_only())


@cache
def _styles_only():
    """The fetcher when the caller gives none: printing/styles and nothing else (issue 10)."""
    return SealedURLFetcher([STYLES])


def walk_boxes(box):
    """`box` and every box inside it, depth first (WeasyPrint's layout tree)."""
    yield box
    for child in getattr(box, "children", ()):
        yield from walk_boxes(child)


def qr_boxes(document):
    """{page index: [(text, left, top, size) in PDF points]} of every `<div data-qr>` laid out
    (printing.merge draws the codes in).

    WeasyPrint draws a page with 1 CSS px = 0.75 pt, from the top left corner of the trim box
    (printing/qr.py says why QR codes are drawn after layout).
    """
    found = {}
    for index, page in enumerate(document.pages):
        for box in walk_boxes(page._page_box):
            element = getattr(box, "element", None)
            if box.element_tag != "div" or element is None or not element.get("data-qr"):
                continue
            left, top = box.content_box_x() * 0.75, (page.height - box.content_box_y()) * 0.75
            size = min(box.width, box.height) * 0.75
            found.setdefault(index, []).append((element.get("data-qr"), left, top, size))
    return found


def render_document(html, stylesheets=(), base_url=None, url_fetcher=None, profile=None):
    """Lay out `html` with the house stylesheet plus `stylesheets` (names in printing/styles/),
    for the output `profile` (printing.profiles.OutputProfile: its PDF variant and output
    intent are chosen at layout time).

    Every file the document names is read through `url_fetcher` (a `gates.url_fetcher.
    SealedURLFetcher`; default: printing/styles only); attachments are always left out.
    """
    from weasyprint import HTML

    sheets = [stylesheet("house.css"), *(stylesheet(name) for name in stylesheets)]
    document = HTML(
        string=html, base_url=base_url or str(STYLES), url_fetcher=url_fetcher or _styles_only()
    ).render(
        stylesheets=sheets,
        font_config=_font_config(),
        **(profile.render_options() if profile else {}),
    )
    return strip_attachments(document)


def write_document(document, profile=None):
    """PDF bytes of a laid-out document in the output `profile` (WeasyPrint's variant, then
    printing.profiles.finish)."""
    pdf = document.write_pdf(**(profile.write_options() if profile else {}))
    if profile is None:
        return pdf
    import io

    import pikepdf

    from .profiles import finish

    with pikepdf.open(io.BytesIO(pdf)) as opened:
        finish(opened, profile)
        out = io.BytesIO()
        opened.save(out)
    return out.getvalue()


def render_pdf(html, stylesheets=(), base_url=None, url_fetcher=None, **pdf_options):
    """HTML -> PDF bytes with the house fonts embedded as subsets."""
    return render_document(html, stylesheets, base_url, url_fetcher).write_pdf(**pdf_options)


def image_resolutions(document):
    """[(anchor, image source, dots per inch at printed size)] of every raster image laid out,
    anchor being the `id` of the nearest element around it that has one (a label, a plate).

    WeasyPrint lays out 96 CSS px per inch; the lower of the two axes counts.
    """
    found = []

    def walk(box, anchor):
        element = getattr(box, "element", None)
        if element is not None and element.get("id"):
            anchor = element.get("id")
        image = getattr(box, "replacement", None)
        if image is not None and getattr(image, "width", None) and box.width and box.height:
            dpi = min(image.width / (box.width / 96), image.height / (box.height / 96))
            found.append((anchor, element.get("src") if element is not None else "", dpi))
        for child in getattr(box, "children", ()):
            walk(child, anchor)

    for page in document.pages:
        walk(page._page_box, None)
    return found


@dataclass
class Part:
    """One part of a long document, laid out on its own.

    `check(document)` (a module-level function, so it can travel to a worker process) returns
    a list of problems; a part with problems is not written. `final_html`, when given, is laid
    out and written instead of `html` once the check passed (e.g. labels imposed on sheets).
    """

    html: str
    stylesheets: tuple = ()
    check: object = None
    final_html: str | None = None
    url_fetcher: object = None  # a picklable gates.url_fetcher.SealedURLFetcher
    profile: object = None  # printing.profiles.OutputProfile


@dataclass
class Rendered:
    pdf: bytes | None
    pages: int
    problems: list
    qr_boxes: dict = field(default_factory=dict)  # see qr_boxes(); drawn by printing.merge
    peak_rss_mb: int = 0  # of the process that laid the part out, when it was done
    images: list = field(default_factory=list)  # see image_resolutions(); for the preflight


def _peak_rss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def render_part(part):
    document = render_document(
        part.html, part.stylesheets, url_fetcher=part.url_fetcher, profile=part.profile
    )
    problems = part.check(document) if part.check else []
    if problems:
        return Rendered(None, len(document.pages), problems, peak_rss_mb=_peak_rss_mb())
    images = image_resolutions(document)
    if part.final_html is not None:
        document = render_document(
            part.final_html, part.stylesheets, url_fetcher=part.url_fetcher, profile=part.profile
        )
    pdf = document.write_pdf(**(part.profile.write_options() if part.profile else {}))
    return Rendered(pdf, len(document.pages), [], qr_boxes(document), _peak_rss_mb(), images)


def _warm_up(stylesheets):
    """Import WeasyPrint, load the fonts and parse the stylesheets (once per process)."""
    for name in ("house.css", *stylesheets):
        stylesheet(name)


class RenderWorkerFailed(RuntimeError):
    """A print worker died or gave no answer; its part is laid out in this process."""


class _Worker:
    """`python -m printing.render_worker` in a fresh interpreter: it loads WeasyPrint at once,
    then renders the one part it is sent. A fresh process (not a fork, not multiprocessing,
    which re-imports the caller's main script) is safe in threaded web servers and in scripts.
    """

    def __init__(self, stylesheets):
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        # WeasyPrint's warnings go to a file: a full stderr pipe nobody reads would block it.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in kill())
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "printing.render_worker", *stylesheets],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env=env,
            cwd=str(ROOT),
        )

    def send(self, part):
        self.process.stdin.write(pickle.dumps(part))
        self.process.stdin.close()
        self.process.stdin = None  # communicate() must not flush it again

    def receive(self, timeout):
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RenderWorkerFailed(f"print worker gave no answer in {timeout} s") from None
        self.errors.seek(0)
        err = self.errors.read()
        try:
            status, value = pickle.loads(out)  # noqa: S301 (our own worker's answer)
        except Exception:
            raise RenderWorkerFailed(
                f"print worker exited with {self.process.returncode}: "
                f"{err.decode(errors='replace')[-2000:]}"
            ) from None
        if err:  # refused addresses and WeasyPrint's warnings, logged here where they are seen
            logger.warning("Print worker: %s", err.decode(errors="replace")[-2000:])
        if status == "error":
            raise value
        return value

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            if stream is not None and not stream.closed:
                stream.close()


class RenderPool:
    """Worker processes for `render_part`, started early so they load WeasyPrint (about 1 s)
    while the caller reads the database. `processes` <= 1 renders in this process.

        with RenderPool(2, ["labels.css"]) as pool:
            ...  # build the parts
            results = pool.render(parts)  # at most `processes` parts

    If the workers cannot start, the parts are rendered here, one after the other.
    """

    timeout = 600  # seconds a worker may take for its part before it is killed and replaced

    def __init__(self, processes, stylesheets=()):
        self.workers = []
        if processes > 1:
            try:
                self.workers = [_Worker(stylesheets) for _ in range(processes)]
            except OSError:
                logger.warning("Could not start print workers; rendering in this process")
                self.close()

    def render(self, parts, meanwhile=None):
        """`Rendered` of each part, in order. A worker that dies (killed for memory, say) is
        logged and its part laid out here; an error in the document itself is raised.

        `meanwhile()` runs in this process while the workers lay out their parts.
        """
        if len(parts) > 1 and len(parts) <= len(self.workers):
            workers = self.workers[: len(parts)]
            try:
                for worker, part in zip(workers, parts, strict=True):
                    worker.send(part)
            except OSError:
                logger.warning("Print workers failed; rendering in this process", exc_info=True)
            else:
                if meanwhile:
                    meanwhile()
                results = []
                for worker, part in zip(workers, parts, strict=True):
                    try:
                        results.append(worker.receive(self.timeout))
                    except RenderWorkerFailed:
                        logger.error(
                            "Print worker failed; rendering in this process", exc_info=True
                        )
                        results.append(render_part(part))
                return results
        results = [render_part(part) for part in parts]
        if meanwhile:
            meanwhile()
        return results

    def close(self):
        for worker in self.workers:
            worker.kill()
        self.workers = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def missing_fonts():
    """House font families fontconfig cannot find (an empty list when all is well)."""
    import subprocess

    missing = []
    for family in HOUSE_FONTS:
        found = subprocess.run(  # noqa: S603
            ["fc-list", f"{family}:style=Regular", "family"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if family not in found:
            missing.append(family)
    return missing
