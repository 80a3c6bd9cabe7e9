"""Wall labels: one per work of a tour stop's checklist, in the venue's languages and order.

`render_labels` is the one code path for the admin and the `print_labels` command.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from catalogue.languages import raw_value
from gates.pdf_settings import project_url_fetcher

from .images import PrintImages, file_uri
from .lookup import prefetch_for_print
from .merge import assemble
from .options import BLEED_MM, SHEETS, PaperSize
from .overflow import spilled_labels
from .pdf import Part, RenderPool
from .preflight import Preflight
from .qr import min_size_mm, modules
from .texts import PrintError, TextGate

THUMBNAIL_SPEC = "max-360x240|format-jpeg|jpegquality-80"
STYLESHEETS = ("labels.css",)


@dataclass(frozen=True)
class LabelOptions:
    size: PaperSize
    layout: str = "object"  # or "extended" (plus the caption)
    bleed: bool = False
    sheet: str | None = None  # "a4" / "a3": n-up imposition with cut marks
    placeholders: bool = False  # print missing texts as visible placeholders instead of refusing
    profile: object = None  # printing.profiles.OutputProfile; None: plain PDF (tests, preview)
    allow_low_resolution: bool = False  # see printing.preflight
    allow_local_address: bool = False

    @property
    def with_bleed(self):
        """Bleed and crop marks: asked for, or the print profile (single labels, not sheets)."""
        return self.bleed or (self.profile is not None and self.profile.is_print and not self.sheet)

    def preflight(self):
        return Preflight(
            allow_low_resolution=self.allow_low_resolution,
            allow_local_address=self.allow_local_address,
            print_profile=self.profile is not None and self.profile.is_print,
        )


class LabelsOverflow(PrintError):
    def __init__(self, labels, size):
        self.labels = labels
        names = "\n".join(f"  - {label.name}" for label in labels)
        super().__init__(
            _(
                "The text of %(count)s labels does not fit on %(size)s. Shorten it, choose a "
                "larger size or the object layout:\n%(names)s"
            )
            % {"count": len(labels), "size": size, "names": names}
        )


class EmptyChecklist(PrintError):
    """The stop has no works to print labels for (nothing is written)."""


@dataclass
class LabelBlock:
    language: str
    lang: str
    title: object
    place: object
    medium: object
    credit: object
    caption: object = None


@dataclass
class Label:
    entry: object
    name: str
    blocks: list
    image: str | None
    facts: list
    image_alt: str = ""  # the image's alt text in the venue's first language (tagged PDFs)

    @property
    def number(self):
        return self.entry.label_number

    @property
    def url(self):
        """The short address its QR code holds."""
        return self.entry.short_url

    @property
    def anchor(self):
        return f"label-{self.number}"


_file_uri = (
    file_uri  # printing.images.file_uri: a local file even when renditions live in an object store
)


def work_name(entry):
    work = entry.work
    return f"{entry.label_number} · {work.title} ({work.inventory_number or work.pk})"


def build_labels(stop, entries, options, images=True, preflight=None):
    """Read everything a label shows, refusing missing translations unless placeholders chosen;
    `preflight` (printing.preflight.Preflight) gets the texts and the public address."""
    if not entries:
        raise EmptyChecklist(
            _("The checklist of %(stop)s has no works to print labels for.") % {"stop": stop.slug}
        )
    languages = stop.venue.label_languages
    gate = TextGate(placeholders=options.placeholders)
    prefetch_for_print([entry.work for entry in entries], entries, images)
    labels = []
    print_images = PrintImages()
    for entry in entries:
        work, where = entry.work, work_name(entry)
        blocks = []
        for lang in languages:
            blocks.append(
                LabelBlock(
                    language=lang,
                    lang=lang,
                    title=gate.read(work, "title", lang, where, label=_("title")),
                    place=gate.read(work, "place_name", lang, where),
                    medium=gate.read(work, "medium", lang, where),
                    credit=gate.read(work, "credit_line", lang, where, override=entry),
                    caption=gate.read(work, "caption", lang, where, override=entry)
                    if options.layout == "extended"
                    else None,
                )
            )
        facts = [f for f in (work.image_size, work.edition, work.inventory_number) if f]
        image, image_alt = None, ""
        if images and work.image_id:
            image = print_images.uri(work.image, THUMBNAIL_SPEC, where)
            image_alt = raw_value(work.image, "alt_text", languages[0]) or work.image.title
        labels.append(Label(entry, where, blocks, image, facts, str(image_alt).strip()))
    gate.check()
    print_images.check()
    if preflight is not None:
        preflight.check_texts(gate.read_texts)
        preflight.check_public_address()
    return labels


def _scale(size, languages=2, qr_min_mm=0):
    """Type, QR and column sizes that grow with the label: A6 is the reference (10 pt body,
    the first language's title 15 pt, the label number 26 pt).

    Every width is fixed here in mm, so the label lays out with floats of known size: flex
    boxes cost WeasyPrint several content measurements per label (5 of 7 s for 100 labels).
    The QR code is never smaller than what scans at 40 cm (`qr_min_mm`).
    """
    short = min(size.width_mm, size.height_mm)
    margin = round(max(5, min(14, short * 0.065)), 1)
    # 10 pt on A6, growing with the square root of the size (A5: 11.9 pt): larger labels are
    # read from about as close, they hold more text.
    font_pt = round(max(7, min(14, 10 * math.sqrt(short / 105))), 2)
    qr_mm = math.ceil(max(16, min(40, short * 0.17), qr_min_mm) * 10) / 10
    gap = round(1.2 * font_pt * 25.4 / 72, 2)  # 1.2em between columns
    landscape = size.width_mm > size.height_mm * 1.15
    inner = size.width_mm - 2 * margin
    # Landscape: text beside the QR column; portrait: full width below the QR code.
    main = inner - qr_mm - gap if landscape else inner
    others = max(1, languages - 1)
    # Rounded down, with 0.1 mm to spare: floats that add up to the full width exactly may
    # still wrap by a rounding error.
    column = (main - gap * (others - 1)) / others
    return {
        "font_pt": font_pt,
        "qr_mm": qr_mm,
        "thumb_mm": round(qr_mm * 0.75, 1),
        "margin_mm": margin,
        "gap_mm": gap,
        "landscape": landscape,
        "main_mm": math.floor(main * 10) / 10 - 0.1,
        "column_mm": math.floor(column * 10) / 10 - 0.1,
    }


def _imposition(size, sheet_key, bleed):
    """Grid of cells on the sheet (portrait or landscape, whichever holds more labels)."""
    sheet_w, sheet_h = SHEETS[sheet_key]
    margin = 12  # room for the cut marks
    gap = 2 * BLEED_MM if bleed else 0
    cell_w, cell_h = size.width_mm, size.height_mm
    best = None
    for w, h in ((sheet_w, sheet_h), (sheet_h, sheet_w)):
        cols = int((w - 2 * margin + gap) // (cell_w + gap))
        rows = int((h - 2 * margin + gap) // (cell_h + gap))
        if cols * rows and (best is None or cols * rows > best["per_sheet"]):
            best = {
                "sheet_w": w,
                "sheet_h": h,
                "cols": cols,
                "rows": rows,
                "per_sheet": cols * rows,
            }
    if best is None:
        raise PrintError(
            _("A label of %(size)s does not fit on a %(sheet)s sheet.")
            % {"size": size, "sheet": sheet_key.upper()}
        )
    grid_w = best["cols"] * cell_w + (best["cols"] - 1) * gap
    grid_h = best["rows"] * cell_h + (best["rows"] - 1) * gap
    best["left"] = (best["sheet_w"] - grid_w) / 2
    best["top"] = (best["sheet_h"] - grid_h) / 2
    xs = [best["left"] + c * (cell_w + gap) for c in range(best["cols"])]
    ys = [best["top"] + r * (cell_h + gap) for r in range(best["rows"])]
    best["cells"] = [(x, y) for y in ys for x in xs]
    # Cut marks: every trim line, drawn in the sheet margin only (2 mm clear of the grid).
    grid_right, grid_bottom = best["left"] + grid_w, best["top"] + grid_h
    marks = []
    for x in sorted(set(xs) | {x + cell_w for x in xs}):
        marks.append(("v", x, 2, best["top"] - 4))
        marks.append(("v", x, grid_bottom + 2, best["sheet_h"] - grid_bottom - 4))
    for y in sorted(set(ys) | {y + cell_h for y in ys}):
        marks.append(("h", 2, y, best["left"] - 4))
        marks.append(("h", grid_right + 2, y, best["sheet_w"] - grid_right - 4))
    best["marks"] = [
        {"kind": kind, "left": round(left, 2), "top": round(top, 2), "length": round(length, 2)}
        for kind, left, top, length in marks
        if length > 0
    ]
    return best


def labels_html(stop, labels, options, imposed=None):
    context = {
        "stop": stop,
        "labels": labels,
        "options": options,
        "size": options.size,
        "scale": _scale(
            options.size,
            len(labels[0].blocks) if labels else 2,
            max((min_size_mm(label.url) for label in labels), default=0),
        ),
        "bleed_mm": BLEED_MM if options.with_bleed else 0,
        "imposed": imposed,
    }
    if imposed:
        per = imposed["per_sheet"]
        context["sheets"] = [
            list(zip(imposed["cells"], labels[i : i + per], strict=False))
            for i in range(0, len(labels), per)
        ]
    return render_to_string("printing/labels.html", context)


@dataclass
class LabelsPDF:
    pdf: bytes
    labels: list
    pages: int
    peak_rss_mb: int = 0  # the largest process that laid labels out (this one or a worker)
    warnings: list = field(default_factory=list)  # printing.preflight.Finding (not refused)


def _processes(count):
    """How many processes lay out `count` labels: one unless there is enough work to share."""
    per_process = max(1, settings.LEPORELLO_PRINT_MIN_LABELS_PER_PROCESS)
    return max(1, min(settings.LEPORELLO_PRINT_PROCESSES, count // per_process))


def _chunks(labels, parts, step=1):
    """`labels` cut into at most `parts` runs of about equal length, each a multiple of `step`
    (a whole number of sheets for n-up printing)."""
    size = math.ceil(len(labels) / parts / step) * step
    return [labels[i : i + size] for i in range(0, len(labels), size)]


def _parts(stop, labels, options, processes):
    imposed = (
        _imposition(options.size, options.sheet, options.with_bleed) if options.sheet else None
    )
    parts = []
    for chunk in _chunks(labels, processes, imposed["per_sheet"] if imposed else 1):
        parts.append(
            Part(
                html=labels_html(stop, chunk, options),
                stylesheets=STYLESHEETS,
                check=spilled_labels,
                final_html=labels_html(stop, chunk, options, imposed) if imposed else None,
                url_fetcher=project_url_fetcher(),
                profile=options.profile,
            )
        )
    return parts


def render_labels(stop, entries, options, images=True):
    """The labels PDF, or LabelsOverflow naming every label whose text does not fit.

    Long runs are laid out in several processes (settings.LEPORELLO_PRINT_PROCESSES), which
    start while the texts are read from the database; this process encodes the QR codes
    meanwhile and draws them in when it joins the parts.
    """
    processes = _processes(len(entries))
    qr_modules = {}
    preflight = options.preflight()
    with RenderPool(processes, STYLESHEETS) as pool:
        labels = build_labels(stop, entries, options, images=images, preflight=preflight)
        preflight.refuse_or_warn()  # before any layout: texts, fonts, the public address

        def encode_qr_codes():
            qr_modules.update((label.url, modules(label.url)) for label in labels)

        rendered = pool.render(_parts(stop, labels, options, processes), encode_qr_codes)
    by_anchor = {label.anchor: label for label in labels}
    spilled = [by_anchor[anchor] for part in rendered for anchor in part.problems]
    if spilled:
        raise LabelsOverflow(spilled, options.size)
    _check_layout(preflight, labels, rendered)
    return LabelsPDF(
        pdf=assemble(rendered, qr_modules, options.profile),
        labels=labels,
        pages=sum(part.pages for part in rendered),
        peak_rss_mb=max(part.peak_rss_mb for part in rendered),
        warnings=preflight.refuse_or_warn(),
    )


def _check_layout(preflight, labels, rendered):
    """QR codes and images as laid out, before the parts are joined and anything is written."""
    by_anchor = {label.anchor: label for label in labels}
    by_url = {label.url: label for label in labels}
    for part in rendered:
        for anchor, _src, dpi in part.images:
            label = by_anchor.get(anchor)
            preflight.check_image(label.name if label else anchor, dpi)
        for codes in part.qr_boxes.values():
            for text, _left, _top, size_pt in codes:
                label = by_url.get(text)
                preflight.check_qr(
                    label.name if label else text, text, size_pt * 25.4 / 72, min_size_mm(text)
                )
