"""Rich text cut down to what Wagtail's Draftail editor can produce for a field (nh3 / Ammonia).

Draftail stores only the elements of a field's `features` (its converter keeps nothing else);
every other way in (translation imports, commands, load_demo, model saves, revisions) goes
through `sanitise_rich_text` so the stored HTML is what the editor could have produced. Wagtail's
database forms stay intact: `<a linktype="page" id="3">`, `<a linktype="document" id="…">`,
`<embed embedtype="image" id="…" format="…" alt="…">`, `<embed embedtype="media" url="…">`.

`removed_markup` names what was dropped, for the translator's import preview.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

# Elements and attributes each Draftail feature writes to (or reads from) the database format
# (wagtail/admin/wagtail_hooks.py, wagtail/documents|images|embeds/wagtail_hooks.py).
FEATURE_ELEMENTS = {
    "bold": {"b": set(), "strong": set()},
    "italic": {"i": set(), "em": set()},
    **{f"h{n}": {f"h{n}": set()} for n in range(1, 7)},
    "ol": {"ol": set(), "li": set()},
    "ul": {"ul": set(), "li": set()},
    "blockquote": {"blockquote": set()},
    "hr": {"hr": set()},
    "code": {"code": set()},
    "superscript": {"sup": set()},
    "subscript": {"sub": set()},
    "strikethrough": {"s": set()},
    "link": {"a": {"href", "linktype", "id"}},
    "document-link": {"a": {"linktype", "id"}},
    "image": {"embed": {"embedtype", "id", "format", "alt"}},
    "embed": {"embed": {"embedtype", "url"}},
}
BLOCKS = {"p": set(), "br": set()}  # paragraphs and line breaks exist in every rich-text field
# Draftail writes each block's key (`<p data-block-key="a1b2c">`); Wagtail's comments on rich text
# are anchored to it.
BLOCK_KEY = "data-block-key"
KEYED_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
# Wagtail's default feature list (RichTextField without `features=`).
DEFAULT_FEATURES = (
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "hr",
    "link",
    "document-link",
    "image",
    "embed",
)
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "url"}
# Removed together with their content (a script's code is not text to keep).
DROPPED_WITH_CONTENT = {"script", "style", "template", "textarea", "title", "noscript"}
# Wagtail expands only `<embed …/>` (wagtail.rich_text.rewriters); nh3 writes `<embed …>`.
_EMBED = re.compile(r'<embed((?:\s+[\w-]+="[^"]*")*)\s*/?>')


def allowed_markup(features=None):
    """{element: {attribute, …}} the editor offers for `features` (None: Wagtail's defaults)."""
    allowed = {tag: set(attrs) for tag, attrs in BLOCKS.items()}
    for feature in DEFAULT_FEATURES if features is None else features:
        for tag, attrs in FEATURE_ELEMENTS.get(feature, {}).items():
            allowed.setdefault(tag, set()).update(attrs)
    for tag in KEYED_BLOCKS & set(allowed):
        allowed[tag].add(BLOCK_KEY)
    return allowed


@dataclass
class Sanitised:
    html: str
    removed: list = field(default_factory=list)  # e.g. ["<script>", "onerror (<img>)"]

    @property
    def changed(self):
        return bool(self.removed)


def sanitise_rich_text(html, features=None):
    """`html` with only the elements and attributes of `features`; a `Sanitised`.

    Links keep http(s), mailto, tel and relative addresses; `javascript:`, `data:`, `file:` and
    the like are dropped. Scripts and styles go with their content. Idempotent.
    """
    if not html:
        return Sanitised(html or "")
    allowed = allowed_markup(features)
    cleaned = nh3.clean(
        html,
        tags=set(allowed),
        clean_content_tags=DROPPED_WITH_CONTENT - set(allowed),
        attributes={tag: attrs for tag, attrs in allowed.items() if attrs},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    cleaned = _EMBED.sub(r"<embed\1/>", cleaned)
    return Sanitised(cleaned, removed_markup(html, allowed) if cleaned != html else [])


class _Inventory(HTMLParser):
    def __init__(self, allowed):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.removed = []

    def _note(self, item):
        if item not in self.removed:
            self.removed.append(item)

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self._note(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in self.allowed[tag]:
                self._note(f"{name} (<{tag}>)")
            elif name in URL_ATTRIBUTES and value and ":" in value.split("/", 1)[0]:
                scheme = value.split(":", 1)[0].strip().lower()
                if scheme not in URL_SCHEMES:
                    self._note(f"{name}={scheme}: (<{tag}>)")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self._note("<!-- -->")


def removed_markup(html, allowed):
    """What sanitising takes out of `html`: element names, attributes, link schemes."""
    parser = _Inventory(allowed)
    parser.feed(html)
    parser.close()
    return parser.removed
