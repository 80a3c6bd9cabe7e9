"""Joining PDFs that were laid out in parts (printing.pdf.RenderPool) into one file (pikepdf),
and drawing their QR codes in (printing.qr).

Each part embeds its own font subsets. WeasyPrint names a subset after the font, not after the
glyphs in it, so two parts carry different subsets under one name (e.g. `HUHQIP+Noto-Sans`).
Prepress tools and some printers take equal names for equal fonts and would print missing
glyphs, so every part after the first gets its subsets renamed.

The joined file keeps what WeasyPrint's PDF variant wrote into the parts (printing.profiles):
the PDF version (1.6 for PDF/X-4, 1.7 for PDF/UA-1: never lower than the fonts need), the
output intent, the XMP metadata, the title display and marking flags, and the structure trees
of tagged parts, joined into one (their parent-tree numbers shifted part by part).
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


def _draw(pdf, page_index, codes, qr_modules, tagged=False):
    """Draw the QR codes [(text, left, top, size)] on a page, after its own content.

    In a tagged PDF the code is an artifact: the label's text carries the address for readers.
    """
    page = pdf.pages[page_index]
    drawing = b"\n".join(
        pdf_operators(qr_modules[text], left, top, size) for text, left, top, size in codes
    )
    if tagged:
        drawing = b"/Artifact BMC\n" + drawing + b"\nEMC"
    # Whatever graphics state the page's own content leaves is undone first.
    page.contents_add(pikepdf.Stream(pdf, b"q"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"Q\n" + drawing), prepend=False)


def _copy(target, source, value):
    """`value` of the pikepdf.Pdf `source` as an object of `target` (direct containers too)."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    if isinstance(value, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream):
        return target.copy_foreign(source.make_indirect(value))
    return value


# Catalogue entries a part's PDF variant sets that the joined file keeps from the first part.
_KEPT = ("/Lang", "/OutputIntents", "/Metadata", "/MarkInfo", "/ViewerPreferences")


def _shift_struct_parents(pdf, shift):
    """Add `shift` to every page's /StructParents and annotation's /StructParent (the keys
    of the parent tree), so the keys of several parts do not collide; returns the next free
    key."""
    top = -1
    for page in pdf.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + shift
            top = max(top, int(page.obj.StructParents))
        for annotation in page.obj.get("/Annots", ()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + shift
                top = max(top, int(annotation.StructParent))
    return top + 1


class _Structure:
    """The structure trees of tagged parts joined under one /Document element."""

    def __init__(self, merged):
        self.merged = merged
        self.nums = pikepdf.Array()
        self.next_key = 0
        self.document = None

    def shift(self, pdf):
        """Renumber a part's parent-tree keys after those of the parts before (before its
        pages are copied)."""
        self.shift_by = self.next_key
        if "/StructTreeRoot" in pdf.Root:
            self.next_key = max(_shift_struct_parents(pdf, self.shift_by), self.next_key)

    def add(self, pdf):
        """Copy the tree of a part whose pages were just copied into the joined file."""
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return
        shift = self.shift_by
        nums = root.ParentTree.get("/Nums", pikepdf.Array())
        for index in range(0, len(nums), 2):
            self.nums.append(int(nums[index]) + shift)
            self.nums.append(_copy(self.merged, pdf, nums[index + 1]))
        if self.document is None:
            self.root = self.merged.make_indirect(
                pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=pikepdf.Array())
            )
            self.document = self.merged.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.StructElem,
                    S=pikepdf.Name.Document,
                    P=self.root,
                    K=pikepdf.Array(),
                )
            )
            self.root.K.append(self.document)
        for element in root.K:
            kids = element.K if element.get("/S") == "/Document" else [element]
            for kid in kids:
                copied = _copy(self.merged, pdf, kid)
                if isinstance(copied, pikepdf.Dictionary):
                    copied.P = self.document
                self.document.K.append(copied)

    def finish(self):
        if self.document is None:
            return
        self.root.ParentTree = self.merged.make_indirect(pikepdf.Dictionary(Nums=self.nums))
        self.root.ParentTreeNextKey = self.next_key
        self.merged.Root.StructTreeRoot = self.root


def assemble(parts, qr_modules=None, profile=None):
    """One PDF of the `Rendered` parts in order, with their QR codes drawn in.

    The first part gives the title, language, output intent and metadata; every part's pages,
    bookmarks and structure are kept. `qr_modules` maps each QR text to its modules
    (printing.qr.modules); `profile` (printing.profiles.OutputProfile) is finished last.
    """
    from .profiles import finish

    qr_modules = qr_modules or {}
    if len(parts) == 1 and not parts[0].qr_boxes and profile is None:
        return parts[0].pdf
    merged = pikepdf.Pdf.new()
    outline = []
    structure = _Structure(merged)
    version = "1.3"
    tagged = bool(profile and profile.tagged)
    for number, part in enumerate(parts):
        pdf = pikepdf.Pdf.open(io.BytesIO(part.pdf))
        version = max(version, pdf.pdf_version)
        if number:
            _rename_subsets(pdf, number)
        else:
            merged.docinfo = merged.copy_foreign(pdf.docinfo)
            for key in _KEPT:
                if key in pdf.Root:
                    merged.Root[key] = _copy(merged, pdf, pdf.Root[key])
        offset = len(merged.pages)
        outline.append((offset, _outline(pdf)))
        structure.shift(pdf)
        merged.pages.extend(pdf.pages)
        structure.add(pdf)
        for page_index, codes in part.qr_boxes.items():
            _draw(merged, offset + page_index, codes, qr_modules, tagged)
    structure.finish()
    with merged.open_outline() as target:
        for offset, items in outline:
            _add_outline(target.root, items, offset)
    if profile is not None:
        finish(merged, profile)
    out = io.BytesIO()
    merged.save(out, min_version=version)
    return out.getvalue()
