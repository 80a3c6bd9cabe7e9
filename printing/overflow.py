"""Finding wall labels whose text does not fit, in a laid-out WeasyPrint document.

No Django imports: this runs in the print worker processes (printing.pdf.RenderPool).
Each label is a `<section id="label-N">` of a fixed size.
"""

from .pdf import walk_boxes

LABEL_PREFIX = "label-"
TOLERANCE = 0.5  # CSS px: rounding, not overflow


def _overflows(label_box):
    """True when anything inside the fixed-size label box reaches past its content area."""
    bottom = label_box.content_box_y() + label_box.height
    right = label_box.content_box_x() + label_box.width
    for box in walk_boxes(label_box):
        if box is label_box or not hasattr(box, "position_y"):
            continue
        if box.position_y + box.margin_height() > bottom + TOLERANCE:
            return True
        if box.position_x + box.margin_width() > right + TOLERANCE:
            return True
    return False


def spilled_labels(document):
    """Anchors (`label-N`) of labels whose text runs past the label's edge or onto a new page.

    A box split over pages keeps its id on each part, so a page whose only label is the one of
    the page before is that label's overflow.
    """
    spilled, previous = [], None
    for page in document.pages:
        here = [a for a in page.anchors if a.startswith(LABEL_PREFIX)]
        if here and here == [previous] and previous not in spilled:
            spilled.append(previous)
        if here:
            previous = here[-1]
        for box in walk_boxes(page._page_box):
            if getattr(box, "element_tag", None) != "section":
                continue
            anchor = box.style["anchor"]
            if (
                anchor
                and anchor.startswith(LABEL_PREFIX)
                and anchor not in spilled
                and _overflows(box)
            ):
                spilled.append(anchor)
    return spilled
