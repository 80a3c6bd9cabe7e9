"""QR codes drawn as vector paths straight into the PDF (segno encodes them).

A label marks where its code goes with `<div class="qr" data-qr="…">` of a fixed size; after
layout, `printing.merge` draws the code into that box with PDF path operators. WeasyPrint could
draw an SVG <img> instead, but reading and drawing a QR code's SVG cost as much as laying out
the rest of the label. Encoding (segno tries all eight masks, as the standard asks) is done by
the calling process while the workers lay the labels out.
"""

import segno

QUIET_ZONE = 4  # modules of light margin the standard asks for


def modules(text):
    """Rows of 0/1 of the QR code of `text`, quiet zone included (error correction level M)."""
    code = segno.make(text, error="m", micro=False)
    return [list(row) for row in code.matrix_iter(border=QUIET_ZONE)]


def pdf_operators(rows, left, top, size):
    """PDF content operators drawing the QR code `rows` (from `modules`) in the square at
    `left`, `top` (its upper left corner, PDF points, y upwards) of side `size`: a white square,
    then the black runs of each row."""
    unit = size / len(rows)
    ops = ["q", "1 g", f"{left:.3f} {top - size:.3f} {size:.3f} {size:.3f} re f", "0 g"]
    for r, row in enumerate(rows):
        y = top - (r + 1) * unit
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                ops.append(
                    f"{left + start * unit:.3f} {y:.3f} {(c - start) * unit:.3f} {unit:.3f} re"
                )
            else:
                c += 1
    ops += ["f", "Q"]
    return "\n".join(ops).encode()


# A phone reads a module that is at least 0.75 mm wide from 40 cm, a visitor's distance at
# arm's length (about 1.9 mrad; a version-3 code with its quiet zone, 37 modules, is 27.8 mm).
MODULE_MM_AT_40_CM = 0.75


def min_size_mm(text):
    """The smallest printed side (mm, quiet zone included) at which the QR code of `text`
    scans from 40 cm."""
    return len(modules(text)) * MODULE_MM_AT_40_CM
