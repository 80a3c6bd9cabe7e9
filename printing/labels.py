"""Wall labels: one per work of a tour stop's checklist, in the venue's languages and order.

`render_labels` is the one code path for the admin and the `print_labels` command.
"""

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .options import BLEED_MM, SHEETS, PaperSize
from .pdf import render_document
from .qr import qr_data_uri
from .texts import PrintError, TextGate

THUMBNAIL_SPEC = "max-360x240|format-jpeg|jpegquality-80"


@dataclass(frozen=True)
class LabelOptions:
    size: PaperSize
    layout: str = "object"  # or "extended" (plus the caption)
    bleed: bool = False
    sheet: str | None = None  # "a4" / "a3": n-up imposition with cut marks
    placeholders: bool = False  # print missing texts as visible placeholders instead of refusing


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
    pass


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
    number: int
    name: str
    blocks: list
    qr: str
    url: str
    image: str | None
    facts: list

    @property
    def anchor(self):
        return f"label-{self.number}"


def _file_uri(rendition):
    try:
        return Path(rendition.file.path).as_uri()
    except NotImplementedError:  # remote storage
        return rendition.file.url


def work_name(entry):
    work = entry.work
    return f"{entry.label_number} · {work.title} ({work.inventory_number or work.pk})"


def build_labels(stop, entries, options, images=True):
    """Read everything a label shows, refusing missing translations unless placeholders chosen."""
    if not entries:
        raise EmptyChecklist(
            _("The checklist of %(stop)s has no works to print labels for.") % {"stop": stop.slug}
        )
    languages = stop.venue.label_languages
    gate = TextGate(placeholders=options.placeholders)
    labels = []
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
        image = None
        if images and work.image_id:
            image = _file_uri(work.image.get_rendition(THUMBNAIL_SPEC))
        url = entry.short_url
        labels.append(
            Label(
                entry=entry,
                number=entry.label_number,
                name=where,
                blocks=blocks,
                qr=qr_data_uri(url),
                url=url,
                image=image,
                facts=facts,
            )
        )
    gate.check()
    return labels


def _scale(size):
    """Type and QR sizes that grow with the label: A6 is the reference."""
    short = min(size.width_mm, size.height_mm)
    return {
        "font_pt": round(max(6.5, min(16, 8 * short / 105)), 2),
        "qr_mm": round(max(16, min(40, short * 0.17)), 1),
        "margin_mm": round(max(5, min(14, short * 0.065)), 1),
        # Landscape labels set the languages side by side, portrait ones one below the other.
        "columns": size.width_mm > size.height_mm * 1.15,
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
        "scale": _scale(options.size),
        "bleed_mm": BLEED_MM if options.bleed else 0,
        "imposed": imposed,
    }
    if imposed:
        per = imposed["per_sheet"]
        context["sheets"] = [
            list(zip(imposed["cells"], labels[i : i + per], strict=False))
            for i in range(0, len(labels), per)
        ]
    return render_to_string("printing/labels.html", context)


def _boxes(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _label_overflows(label_box):
    """True when anything inside the fixed-size label box reaches past its content area."""
    bottom = label_box.content_box_y() + label_box.height
    right = label_box.content_box_x() + label_box.width
    tolerance = 0.5  # CSS px: rounding, not overflow
    for box in _boxes(label_box):
        if box is label_box or not hasattr(box, "position_y"):
            continue
        if box.position_y + box.margin_height() > bottom + tolerance:
            return True
        if box.position_x + box.margin_width() > right + tolerance:
            return True
    return False


def overflowing(document, labels):
    """Labels whose text does not fit: it runs past the label's edge or onto a second page.

    A box split over pages keeps its id on each part, so a page whose only label is the one of
    the page before is that label's overflow.
    """
    by_anchor = {label.anchor: label for label in labels}
    spilled, previous = [], None
    for page in document.pages:
        here = [a for a in page.anchors if a in by_anchor]
        if here and here == [previous] and by_anchor[previous] not in spilled:
            spilled.append(by_anchor[previous])
        if here:
            previous = here[-1]
        for box in _boxes(page._page_box):
            anchor = box.style["anchor"] if hasattr(box, "style") else None
            label = by_anchor.get(anchor)
            if getattr(box, "element_tag", None) != "section":
                label = None
            if label is not None and label not in spilled and _label_overflows(box):
                spilled.append(label)
    return spilled


@dataclass
class LabelsPDF:
    pdf: bytes
    labels: list
    pages: int


def render_labels(stop, entries, options, images=True):
    labels = build_labels(stop, entries, options, images=images)
    document = render_document(labels_html(stop, labels, options), ["labels.css"])
    spilled = overflowing(document, labels)
    if spilled:
        raise LabelsOverflow(spilled, options.size)
    if options.sheet:
        imposed = _imposition(options.size, options.sheet, options.bleed)
        document = render_document(labels_html(stop, labels, options, imposed), ["labels.css"])
    return LabelsPDF(pdf=document.write_pdf(), labels=labels, pages=len(document.pages))
