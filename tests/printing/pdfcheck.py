"""What a print shop's preflight checks of PDF/X-4 and PDF/UA-1, with pikepdf and qpdf.

veraPDF is not packaged for Debian and cannot be downloaded here, so these are the
conditions of the two standards that can be read from the file: each function returns a
list of problems (empty when the file passes).
"""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest

from printing.profiles import resource_dicts


def qpdf_check(pdf):
    """Problems `qpdf --check` reports (structure, streams, cross-reference table)."""
    if shutil.which("qpdf") is None:
        pytest.fail("qpdf is missing: make sysdeps installs it")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(  # noqa: S603
            ["qpdf", "--check", str(path)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0 or "No syntax or stream encoding errors" not in done.stdout:
        return [f"qpdf --check: {done.stdout[-500:]} {done.stderr[-500:]}"]
    return []


def _fonts(pdf):
    for resources in resource_dicts(pdf):
        yield from resources.get("/Font", {}).values()


def fonts_not_embedded(pdf):
    problems = []
    for font in _fonts(pdf):
        for item in (font, *font.get("/DescendantFonts", ())):
            descriptor = item.get("/FontDescriptor")
            if descriptor is None:
                continue
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font {item.get('/BaseFont')} is not embedded")
    return problems


def _boxes(page):
    def box(name):
        value = page.obj.get(name) or page.obj.MediaBox
        return [float(v) for v in value]

    return box("/MediaBox"), box("/BleedBox"), box("/TrimBox")


def _inside(inner, outer, tolerance=0.01):
    return (
        inner[0] >= outer[0] - tolerance
        and inner[1] >= outer[1] - tolerance
        and inner[2] <= outer[2] + tolerance
        and inner[3] <= outer[3] + tolerance
    )


def pdf_x4_problems(data):
    """PDF/X-4: version 1.6+, a CMYK output intent with its ICC profile, XMP metadata naming
    PDF/X-4, trim and bleed boxes on every page (trim in bleed in media), no RGB without a
    profile (DefaultRGB on every resource dictionary that holds RGB), every font embedded."""
    problems = qpdf_check(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.pdf_version < "1.6":
            problems.append(f"PDF version {pdf.pdf_version} < 1.6")
        intents = pdf.Root.get("/OutputIntents", [])
        if not any(
            i.get("/S") == "/GTS_PDFX" and int(i.DestOutputProfile.get("/N", 0)) == 4
            for i in intents
        ):
            problems.append("no CMYK PDF/X output intent")
        if "/Metadata" not in pdf.Root:
            problems.append("no XMP metadata")
        else:
            xmp = pdf.Root.Metadata.read_bytes().decode()
            if "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" not in xmp:
                problems.append("XMP does not declare PDF/X-4")
        if "/Title" not in pdf.docinfo:
            problems.append("no title")
        for number, page in enumerate(pdf.pages, start=1):
            if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
                problems.append(f"page {number}: no TrimBox / BleedBox")
                continue
            media, bleed, trim = _boxes(page)
            if not (_inside(trim, bleed) and _inside(bleed, media)):
                problems.append(f"page {number}: trim {trim} / bleed {bleed} / media {media}")
        for resources in resource_dicts(pdf):
            spaces = resources.get("/ColorSpace", {})
            default = spaces.get("/DefaultRGB")
            if default is None or default[0] != "/ICCBased":
                problems.append("RGB without a profile: a resource dictionary has no DefaultRGB")
                break
        problems += fonts_not_embedded(pdf)
    return problems


def _struct_elements(root):
    stack = list(root.get("/K", ()))
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        yield element
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)


def pdf_ua1_problems(data):
    """PDF/UA-1: tagged (MarkInfo, a structure tree whose parent tree covers every page),
    figures with alternative text, the title shown and in the XMP metadata with the language,
    XMP naming PDF/UA-1, the document language set, every font embedded."""
    problems = qpdf_check(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if not pdf.Root.get("/MarkInfo", {}).get("/Marked"):
            problems.append("not marked as tagged")
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return [*problems, "no structure tree"]
        keys = [int(k) for k in root.ParentTree.Nums[::2]]
        if len(keys) != len(set(keys)):
            problems.append("parent tree keys repeat")
        for number, page in enumerate(pdf.pages, start=1):
            if int(page.obj.get("/StructParents", -1)) not in keys:
                problems.append(f"page {number}: no entry in the parent tree")
        figures = [e for e in _struct_elements(root) if e.get("/S") == "/Figure"]
        for figure in figures:
            if not str(figure.get("/Alt", "")).strip():
                problems.append("a figure has no alternative text")
        if not str(pdf.Root.get("/Lang", "")).strip():
            problems.append("no document language")
        if not pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
            problems.append("the title is not displayed")
        meta = pdf.open_metadata()
        if not meta.get("dc:title"):
            problems.append("no dc:title in the XMP metadata")
        if not meta.get("dc:language"):
            problems.append("no dc:language in the XMP metadata")
        if 'pdfuaid:part="1"' not in pdf.Root.Metadata.read_bytes().decode():
            problems.append("XMP does not declare PDF/UA-1")
        problems += fonts_not_embedded(pdf)
    return problems


def figures_alt(data):
    """Alternative texts of the figures in the structure tree."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        return [str(e.get("/Alt", "")) for e in _struct_elements(root) if e.get("/S") == "/Figure"]
