"""HTML to PDF with the house fonts: the one place WeasyPrint is configured.

No model imports here, so any output (labels, catalogue, a packing list) can share it.
Fonts: Debian's fonts-noto-core (Noto Serif / Noto Sans) for Latin, fonts-noto-cjk (Noto Serif /
Sans CJK SC) for Chinese, both embedded as subsets; libharfbuzz-subset0 keeps subsetting fast.
"""

from functools import cache
from pathlib import Path

STYLES = Path(__file__).resolve().parent / "styles"

# Families the house stylesheet names; `check_fonts` says which are missing on this machine.
HOUSE_FONTS = ("Noto Serif", "Noto Sans", "Noto Serif CJK SC", "Noto Sans CJK SC")


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def stylesheet(name):
    """A parsed stylesheet from printing/styles/, parsed once per process."""
    from weasyprint import CSS

    return CSS(filename=str(STYLES / name), font_config=_font_config())


def render_document(html, stylesheets=(), base_url=None):
    """Lay out `html` with the house stylesheet plus `stylesheets` (names in printing/styles/)."""
    from weasyprint import HTML

    sheets = [stylesheet("house.css"), *(stylesheet(name) for name in stylesheets)]
    return HTML(string=html, base_url=base_url or str(STYLES)).render(
        stylesheets=sheets, font_config=_font_config()
    )


def render_pdf(html, stylesheets=(), base_url=None, **pdf_options):
    """HTML -> PDF bytes with the house fonts embedded as subsets."""
    return render_document(html, stylesheets, base_url).write_pdf(**pdf_options)


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
