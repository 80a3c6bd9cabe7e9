"""Joining PDFs that were laid out in parts (printing.pdf.RenderPool) into one file (pikepdf),
and drawing their QR codes in (printing.qr).

Each part embeds its own font subsets. WeasyPrint names a subset after the font, not after the
glyphs in it, so two parts carry different subsets under one name (e.g. `HUHQIP+Noto-Sans`).
Prepress tools and some printers take equal names for equal fonts and would print missing
glyphs, so every part after the first gets its subsets renamed.
"""

import hashlib
import io

import pikepdf

from .qr import pdf_operators


def _new_tag(tag, part):
    digest = hashlib.sha256(f"{tag}/{part}".encode()).digest()
    return "".join(chr(65 + byte % 26) for byte in digest[:6])


def _renamed(name, part):
    """`/ABCDEF+Noto-Sans` -> `/QWERTY+Noto-Sans` (a name without a subset tag stays)."""
    tag, plus, family = str(name).lstrip("/").partition("+")
    if not plus or len(tag) != 6 or not tag.isalpha() or not tag.isupper():
        return name
    return pikepdf.Name(f"/{_new_tag(tag, part)}+{family}")


def _fonts_in(resources, seen):
    """Every font dictionary reachable from a page's resources (form XObjects included)."""
    if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen:
        return
    if resources.is_indirect:
        seen.add(resources.objgen)
    yield from resources.get("/Font", {}).values()
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form":
            yield from _fonts_in(xobject.get("/Resources"), seen)


def _rename_subsets(pdf, part):
    seen, done = set(), set()
    for page in pdf.pages:
        for font in _fonts_in(page.obj.get("/Resources"), seen):
            if font.is_indirect and font.objgen in done:
                continue
            done.add(font.objgen)
            for item in (font, *font.get("/DescendantFonts", ())):
                if "/BaseFont" in item:
                    item.BaseFont = _renamed(item.BaseFont, part)
                descriptor = item.get("/FontDescriptor")
                if descriptor is not None and "/FontName" in descriptor:
                    descriptor.FontName = _renamed(descriptor.FontName, part)


def _outline(pdf):
    """[(title, page index, children)] of a part's bookmarks."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}

    def walk(items):
        result = []
        for item in items:
            destination = item.destination
            page = None
            if isinstance(destination, pikepdf.Array) and len(destination):
                page = pages.get(destination[0].objgen)
            result.append((item.title, page, walk(item.children)))
        return result

    with pdf.open_outline() as outline:
        return walk(outline.root)


def _add_outline(target, items, offset):
    for title, page, children in items:
        item = pikepdf.OutlineItem(title, page + offset if page is not None else None)
        _add_outline(item.children, children, offset)
        target.append(item)


def _draw(pdf, page_index, codes, qr_modules):
    """Draw the QR codes [(text, left, top, size)] on a page, after its own content."""
    page = pdf.pages[page_index]
    drawing = b"\n".join(
        pdf_operators(qr_modules[text], left, top, size) for text, left, top, size in codes
    )
    # Whatever graphics state the page's own content leaves is undone first.
    page.contents_add(pikepdf.Stream(pdf, b"q"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"Q\n" + drawing), prepend=False)


def assemble(parts, qr_modules=None):
    """One PDF of the `Rendered` parts in order, with their QR codes drawn in.

    The first part gives the title and language; every part's pages and bookmarks are kept.
    `qr_modules` maps each QR text to its modules (printing.qr.modules).
    """
    qr_modules = qr_modules or {}
    if len(parts) == 1 and not parts[0].qr_boxes:
        return parts[0].pdf
    merged = pikepdf.Pdf.new()
    outline = []
    for number, part in enumerate(parts):
        pdf = pikepdf.Pdf.open(io.BytesIO(part.pdf))
        if number:
            _rename_subsets(pdf, number)
        else:
            merged.docinfo = merged.copy_foreign(pdf.docinfo)
            if "/Lang" in pdf.Root:
                merged.Root.Lang = pdf.Root.Lang
        offset = len(merged.pages)
        outline.append((offset, _outline(pdf)))
        merged.pages.extend(pdf.pages)
        for page_index, codes in part.qr_boxes.items():
            _draw(merged, offset + page_index, codes, qr_modules)
    with merged.open_outline() as target:
        for offset, items in outline:
            _add_outline(target.root, items, offset)
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()
