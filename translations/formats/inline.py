"""Rich text in XLIFF as inline codes, so that translation tools protect the tags.

Wagtail stores rich text as HTML (`<p>Ein <b>Bild</b> von <a href="…">hier</a></p>`). In XLIFF
each element becomes a numbered inline code: `<g id="2" ctype="bold">Bild</g>` (1.2) or
`<pc id="2" type="fmt" subType="xlf:b" dataRefStart="…">Bild</pc>` (2.0); a `<br/>` or an
embedded image becomes `<x id="…"/>` / `<ph id="…"/>`. The translator sees the words and
moves or drops the codes, but cannot change them.

On import the codes are turned back into the markup of the *German text in the CMS* with the same
number: whatever markup a file carries in its codes (1.2's `<ph>` may hold native code) is never
used. Text is escaped, so `&lt;script&gt;` typed in a target stays text. The result still goes
through `translations.richtext.clean_imported_text`.
"""

import html
import re
from html.parser import HTMLParser

from django.utils.translation import gettext as _

VOID = {"br", "embed", "img", "hr", "wbr"}
CTYPE_12 = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underlined"}
CTYPE_12_VOID = {"br": "lb", "embed": "image", "img": "image"}
SUBTYPE_20 = {"b": "xlf:b", "strong": "xlf:b", "i": "xlf:i", "em": "xlf:i", "u": "xlf:u"}


class Code:
    """One element of the German text: its number, tag name, start tag as stored, and kind."""

    def __init__(self, number, tag, start, void):
        self.id, self.tag, self.start, self.void = str(number), tag, start, void

    @property
    def end(self):
        return "" if self.void else f"</{self.tag}>"


class _Tokens(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events, self.codes, self.stack = [], {}, []

    def _code(self, tag, void):
        code = Code(len(self.codes) + 1, tag, self.get_starttag_text(), void)
        self.codes[code.id] = code
        return code

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self.events.append(("void", self._code(tag, True)))
            return
        code = self._code(tag, False)
        self.stack.append(code)
        self.events.append(("start", code))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("void", self._code(tag, True)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                code = self.stack.pop(index)
                self.events.append(("end", code))
                return

    def handle_data(self, data):
        self.events.append(("text", data))


def tokenize(markup):
    """(events, codes) of a rich text: events are ('text', str) or ('start'|'end'|'void', Code);
    codes maps each number (str) to its Code."""
    parser = _Tokens()
    parser.feed(markup or "")
    parser.close()
    return parser.events, parser.codes


BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def normalised(markup):
    """Rich text for comparing only: without Wagtail's per-paragraph `data-block-key` (it differs
    per language) and with character references resolved (`&nbsp;` as the character)."""
    return html.unescape(BLOCK_KEY.sub("", markup or ""))


def numbered(markup, german=None):
    """tokenize(markup)'s events, each code numbered as the German code it corresponds to.

    For the German text itself (`german` None) the numbers are its own. For a translation, each
    element takes the number of the first unused German element with the same start tag (apart
    from `data-block-key`), else with the same tag name; an element with no German counterpart
    (a third paragraph where the German has two) is numbered `t1`, `t2`… after its own place:
    on import its markup comes from the translation in the CMS, never from the file.
    """
    return _numbered(markup, german)[0]


def extra_codes(markup, german):
    """{'t1': Code, …}: the elements of a translation that have no German counterpart."""
    return {c.id: c for c in _numbered(markup, german)[1] if c.id.startswith("t")}


def _numbered(markup, german):
    events, codes = tokenize(markup)
    if german is None:
        return events, list(codes.values())
    unused = list(german.values())
    for code in codes.values():
        match = next(
            (g for g in unused if normalised(g.start) == normalised(code.start)), None
        ) or next((g for g in unused if g.tag == code.tag), None)
        if match is None:
            code.id = f"t{code.id}"
        else:
            unused.remove(match)
            code.id = match.id
    return events, list(codes.values())


def _append_text(parent, last, text):
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _fill(element, markup, make, german, paired, standalone):
    """Walk the numbered `markup` into `element`: text as text and tails, each paired code as a
    child made from `paired(code)` -> (tag, attrs) holding what it encloses, each void code as
    an empty child from `standalone(code)`. An end without a start is dropped."""
    stack, last = [element], [None]
    for kind, value in numbered(markup, german):
        parent = stack[-1]
        if kind == "text":
            _append_text(parent, last[-1], value)
        elif kind == "start":
            child = make(parent, *paired(value))
            stack.append(child)
            last[-1] = child
            last.append(None)
        elif kind == "end":
            if len(stack) > 1:
                stack.pop()
                last.pop()
        else:
            last[-1] = make(parent, *standalone(value))


def fill_12(element, markup, make, german=None):
    """Put rich `markup` into an XLIFF 1.2 <source>/<target> `element` as <g>/<x> codes.
    `make(parent, tag, attrs)` creates a child element (namespace is the caller's); `german`
    (the German text's codes) numbers a translation's codes as the German ones."""

    def paired(code):
        ctype = CTYPE_12.get(code.tag) or ("link" if code.tag == "a" else f"x-html-{code.tag}")
        return "g", {"id": code.id, "ctype": ctype}

    def standalone(code):
        return "x", {"id": code.id, "ctype": CTYPE_12_VOID.get(code.tag, f"x-html-{code.tag}")}

    _fill(element, markup, make, german, paired, standalone)


def fill_20(element, markup, make, german=None):
    """Put rich `markup` into an XLIFF 2.0 <source>/<target> as <pc>/<ph> codes; returns
    {data id: original markup} for the unit's <originalData> (the German text's; a translation,
    numbered by `german`, refers to those)."""
    data = {}

    def paired(code):
        attrs = {
            "id": code.id,
            "dataRefStart": f"d{code.id}",
            "dataRefEnd": f"d{code.id}e",
            "canOverlap": "no",
        }
        if code.tag in SUBTYPE_20:
            attrs |= {"type": "fmt", "subType": SUBTYPE_20[code.tag]}
        elif code.tag == "a":
            attrs["type"] = "link"
        data[f"d{code.id}"], data[f"d{code.id}e"] = code.start, code.end
        return "pc", attrs

    def standalone(code):
        attrs = {"id": code.id, "dataRef": f"d{code.id}"}
        if code.tag == "br":
            attrs |= {"type": "fmt", "subType": "xlf:lb"}
        data[f"d{code.id}"] = code.start
        return "ph", attrs

    _fill(element, markup, make, german, paired, standalone)
    return data if german is None else {k: v for k, v in data.items() if k.startswith("dt")}


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


PAIRED = {"g", "pc"}
STANDALONE = {"x", "ph"}
OPENING = {"bx", "sc"}
CLOSING = {"ex", "ec"}
TRANSPARENT = {"mrk", "sm", "em"}


def render_rich(element, codes, problems, where):
    """The HTML of an XLIFF <target> (or segment part), codes replaced by the German markup.

    `codes` comes from `tokenize(german)`; a code number the German text lacks is a problem
    appended to `problems` (with `where`), and its content is kept as text.
    """
    if element is None:
        return ""
    out = [html.escape(element.text or "", quote=False)]
    for child in element:
        name = _local(child.tag)
        ident = child.get("id") or child.get("rid") or child.get("startRef") or ""
        if name in TRANSPARENT:
            out.append(render_rich(child, codes, problems, where))
        elif name in PAIRED | STANDALONE | OPENING | CLOSING:
            code = codes.get(ident)
            if name in CLOSING:
                code = codes.get(child.get("startRef") or child.get("rid") or ident)
            if code is None:
                problems.append(
                    (
                        where,
                        _(
                            "the inline code %(id)s is not in the German text; delete it or "
                            "copy the codes from the source."
                        )
                        % {"id": ident or "?"},
                    )
                )
                out.append(render_rich(child, codes, problems, where))
            elif name in PAIRED:
                inner = render_rich(child, codes, problems, where)
                out.append(code.start + inner + code.end if not code.void else code.start + inner)
            elif name in STANDALONE:
                out.append(code.start if code.void else "")
            elif name in OPENING:
                out.append(code.start)
            else:
                out.append(code.end)
        else:
            out.append(render_rich(child, codes, problems, where))
        out.append(html.escape(child.tail or "", quote=False))
    return "".join(out)


def plain_text(element):
    """The words of an XLIFF <source>/<target> for a plain-text field: the text inside paired
    codes and markers, never the content of placeholders (1.2's <ph>/<x> may hold native code)."""
    if element is None:
        return ""
    out = [element.text or ""]
    for child in element:
        if _local(child.tag) not in STANDALONE | OPENING | CLOSING | {"ph", "it"}:
            out.append(plain_text(child))
        out.append(child.tail or "")
    return "".join(out)
