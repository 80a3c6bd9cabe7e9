"""Joining PDFs that were laid out in parts (printing.pdf.RenderPool) into one file (pikepdf).

Each part embeds its own font subsets. WeasyPrint names a subset after the font, not after the
glyphs in it, so two parts carry different subsets under one name (e.g. `HUHQIP+Noto-Sans`).
Prepress tools and some printers take equal names for equal fonts and would print missing
glyphs, so every part after the first gets its subsets renamed.
"""

import hashlib
import io

import pikepdf


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


def merge_pdfs(pdfs):
    """One PDF of `pdfs` (bytes) in order: the first part's title and language, every part's
    pages and bookmarks."""
    if len(pdfs) == 1:
        return pdfs[0]
    merged = pikepdf.Pdf.new()
    outline = []
    for part, data in enumerate(pdfs):
        pdf = pikepdf.Pdf.open(io.BytesIO(data))
        if part:
            _rename_subsets(pdf, part)
        else:
            merged.docinfo = merged.copy_foreign(pdf.docinfo)
            if "/Lang" in pdf.Root:
                merged.Root.Lang = pdf.Root.Lang
        outline.append((len(merged.pages), _outline(pdf)))
        merged.pages.extend(pdf.pages)
    with merged.open_outline() as target:
        for offset, items in outline:
            _add_outline(target.root, items, offset)
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()
