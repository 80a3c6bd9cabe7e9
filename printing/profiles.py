"""The two standard output profiles of every printout, on WeasyPrint's `pdf_variant`.

- `screen`: tagged PDF/UA-1 (PDF 1.7): a structure tree with the images' alternative text,
  the title shown instead of the file name, the document language in the catalogue and in
  the XMP metadata, bookmarks. Images at 150 dpi.
- `print`: PDF/X-4 (PDF 1.6) with a CMYK output intent, the print shop's ICC profile
  (setting `LEPORELLO_PRINT_OUTPUT_ICC`; the default is Ghostscript's `default_cmyk.icc`
  from Debian's libgs-common, "Artifex CMYK SWOP Profile", because Debian ships no FOGRA
  profile: a European shop's FOGRA39 / PSO Coated v3 file from the ECI goes in the setting).
  Trim box and bleed box on every page, crop marks outside the trim, 3 mm bleed. Colours and
  images stay RGB, declared sRGB (a `DefaultRGB` ICC colour space on every resource
  dictionary), as PDF/X-4 allows: the shop's RIP converts them to the output intent.
  Images at 300 dpi.

No Django imports here: worker processes use it without settings (printing.pdf).
"""

import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

DEFAULT_OUTPUT_ICC = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
PROFILE_NAMES = ("screen", "print")


@dataclass(frozen=True)
class OutputProfile:
    """How a printout is written. `dpi` is the image resolution at printed size it is made for."""

    name: str
    variant: str
    dpi: int
    output_icc: str | None = None  # path of the CMYK output intent's ICC profile (print)

    @property
    def is_print(self):
        return self.name == "print"

    @property
    def tagged(self):
        return self.name == "screen"

    def render_options(self):
        """Keyword arguments for WeasyPrint's HTML.render (the variant sets the output intent
        at layout time)."""
        options = {"pdf_variant": self.variant}
        if self.output_icc:
            options["color_profiles"] = {"device-cmyk": _color_profile(self.output_icc)}
        return options

    def write_options(self):
        return {"pdf_variant": self.variant}


def make_profile(name, output_icc=None):
    """`screen` or `print` (ValueError otherwise); `output_icc` is the print shop's CMYK ICC
    profile (a file path), the Ghostscript default when None."""
    if name == "screen":
        return OutputProfile("screen", "pdf/ua-1", 150)
    if name == "print":
        icc = output_icc or DEFAULT_OUTPUT_ICC
        if not Path(icc).is_file():
            raise FileNotFoundError(icc)
        return OutputProfile("print", "pdf/x-4", 300, str(icc))
    raise ValueError(name)


@cache
def _color_profile(path):
    from weasyprint.css import ColorProfile

    with open(path, "rb") as icc:
        return ColorProfile(
            io.BytesIO(icc.read()),
            Path(path).name,
            "relative-colorimetric",
            (["c"], ["m"], ["y"], ["k"]),
        )


@cache
def _srgb_icc():
    return (files("weasyprint") / "pdf" / "sRGB2014.icc").read_bytes()


def resource_dicts(pdf):
    """Every resource dictionary of the pages and of the form XObjects and patterns they use
    (each once), on an open pikepdf.Pdf."""
    import pikepdf

    seen = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        key = resources.objgen if resources.is_indirect else id(resources)
        if key in seen:
            continue
        seen.add(key)
        yield resources
        for group in ("/XObject", "/Pattern"):
            for item in resources.get(group, {}).values():
                if isinstance(item, pikepdf.Stream | pikepdf.Dictionary) and "/Resources" in item:
                    stack.append(item.Resources)


def finish(pdf, profile, language=None):
    """What WeasyPrint's variant leaves to do, on an open pikepdf.Pdf (changed in place).

    print: RGB without a profile becomes sRGB (`DefaultRGB` on every resource dictionary), so
    no uncalibrated RGB remains. screen: the document language goes into the XMP metadata
    (dc:language) beside the catalogue's /Lang.
    """
    import pikepdf

    if profile.is_print:
        srgb = pdf.make_stream(_srgb_icc())
        srgb.N = 3
        default_rgb = pdf.make_indirect(pikepdf.Array([pikepdf.Name.ICCBased, srgb]))
        for resources in resource_dicts(pdf):
            spaces = resources.get("/ColorSpace")
            if spaces is None:
                resources.ColorSpace = pikepdf.Dictionary()
                spaces = resources.ColorSpace
            spaces.DefaultRGB = default_rgb
    language = language or str(pdf.Root.get("/Lang", "")) or None
    if language and "/Metadata" in pdf.Root:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:language"] = [language]
