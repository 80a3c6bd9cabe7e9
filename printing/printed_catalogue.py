"""The printed catalogue (a PDF book): per exhibition or per tour stop, in one or two languages.

"Printed catalogue" in code and docs, to tell it from the works app (`catalogue/`) and the
visitors' catalogue on the tablets (`visitor/`). `build_printed_catalogue` reads everything
(refusing missing translations unless placeholders are chosen) and makes the renditions;
`printed_catalogue_html` fills the template `printing/catalogue.html` and
`make_printed_catalogue` lays it out (`printing.pdf.render_document`) and writes the PDF. The
background task, the `print_catalogue` command and the admin all go through
`make_printed_catalogue`.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.rich_text import expand_db_html

from catalogue.languages import NATIVE_NAMES, bcp47, is_blank, raw_value
from gates.pdf_settings import project_url_fetcher
from gates.richtext import sanitise_rich_text

from .images import PrintImages
from .lookup import prefetch_for_print, stop_entries
from .options import PROFILES, output_profile
from .pdf import image_resolutions, render_document, write_document
from .preflight import Preflight
from .texts import PrintError, Text, TextGate

# The printed boxes images are made for (mm); renditions get profile dpi at these sizes.
PLATE_BOX_MM = (170, 165)
# The cover photograph fills its box (object-fit: cover) and runs 3 mm into the bleed.
COVER_BOX_MM = (216, 173)


def rendition_spec(box_mm, profile, fill=False):
    """Wagtail rendition filter for an image printed in `box_mm` at the profile's dpi;
    `fill` crops to the box (the cover), else the image keeps its proportions inside it."""
    dpi = PROFILES[profile]
    width, height = (math.ceil(mm / 25.4 * dpi) for mm in box_mm)
    quality = 90 if profile == "print" else 80
    resize = "fill" if fill else "max"
    return f"{resize}-{width}x{height}|format-jpeg|jpegquality-{quality}"


@dataclass
class PrintedCatalogueOptions:
    """What the admin form, the command or a job asks for: language codes ("de", "zh-hans", …;
    the first leads), output profile, placeholders for missing translations."""

    languages: list
    profile: str = "screen"  # or "print" (printing.profiles)
    placeholders: bool = False
    allow_low_resolution: bool = False  # see printing.preflight

    def preflight(self):
        return Preflight(
            allow_low_resolution=self.allow_low_resolution, print_profile=self.profile == "print"
        )


@dataclass
class Plate:
    work: object
    number: object
    anchor: str
    texts: list  # one dict per language
    facts: list
    image: str | None
    label_number: int | None = None
    alt: str = ""  # the image's alt text in the printed catalogue's first language


@dataclass
class BookSection:
    anchor: str
    titles: list
    plates: list = field(default_factory=list)


def _rich(text):
    if text.missing or not text.value:
        return text
    html = expand_db_html(sanitise_rich_text(text.value).html)  # again: see catalogue.rich_text
    return Text(mark_safe(html), text.language)  # noqa: S308 (sanitised editor HTML)


def _dates(stop, lang):
    with translation.override(lang):
        return f"{date_format(stop.opening)} – {date_format(stop.closing)}"


def _headings():
    """The catalogue's fixed words in the active language (locale/*/django.po)."""
    return {
        "contents": pgettext("catalogue heading", "Contents"),
        "introduction": pgettext("catalogue heading", "Introduction"),
        "checklist": pgettext("catalogue heading", "Checklist"),
        "colophon": pgettext("catalogue heading", "Colophon"),
        "work": pgettext("catalogue checklist column", "Work"),
        "printed_on": pgettext("catalogue colophon", "Printed on"),
        "sample": pgettext(
            "catalogue colophon", "Sample content: works and images are invented for the demo."
        ),
    }


def _alt(image, language):
    """The image's alt text in `language`, else its title (PDF/UA wants one on every figure)."""
    value = raw_value(image, "alt_text", language)
    return value.strip() if not is_blank(value) else image.title


def build_printed_catalogue(exhibition, stop, options, progress=None, images=True, preflight=None):
    """Everything the printed catalogue prints, as plain data; raises PrintError on bad input.

    `preflight` (printing.preflight.Preflight) gets every text read (the fonts' coverage).
    """
    progress = progress or (lambda percent, message: None)
    languages = options.languages
    gate = TextGate(placeholders=options.placeholders)
    where_ex = str(exhibition.title)
    book = {
        "exhibition": exhibition,
        "stop": stop,
        "languages": [{"code": c, "lang": bcp47(c), "name": NATIVE_NAMES[c]} for c in languages],
        "lang": bcp47(languages[0]),
        "profile": options.profile,
        "printed": timezone.localdate(),
        "texts": [],
    }
    photographer = exhibition.photographer
    for lang in languages:
        texts = {
            "lang": bcp47(lang),
            "code": lang,
            "title": gate.read(exhibition, "title", lang, where_ex, label=_("title")),
            "subtitle": gate.read(exhibition, "subtitle", lang, where_ex, required=False),
            "introduction": _rich(gate.read(exhibition, "introduction", lang, where_ex)),
            "photographer": gate.read(photographer, "name", lang, str(photographer))
            if photographer
            else Text("", lang),
        }
        if stop is not None:
            venue = stop.venue
            texts["venue"] = gate.read(venue, "name", lang, str(venue))
            texts["city"] = gate.read(venue, "city", lang, str(venue))
            texts["dates"] = _dates(stop, lang)
        with translation.override(lang):
            texts["printed"] = date_format(book["printed"])
            texts["heading"] = _headings()
        book["texts"].append(texts)

    if stop is not None:
        entries = stop_entries(stop)
        works = [(e.work, e) for e in entries]
    else:
        works = [(w, None) for w in exhibition.works()]
    if not works:
        where = stop.slug if stop else exhibition.slug
        raise PrintError(_("%(what)s has no works to put in a catalogue.") % {"what": where})

    prefetch_for_print([work for work, _entry in works], [e for _work, e in works], images)
    sections = {}
    order = []
    spec = rendition_spec(PLATE_BOX_MM, options.profile)
    progress(5, _("Reading texts"))
    plates = []
    for work, entry in works:
        where = f"{work.title} ({work.inventory_number or work.pk})"
        texts = []
        for lang in languages:
            texts.append(
                {
                    "lang": bcp47(lang),
                    "code": lang,
                    "title": gate.read(work, "title", lang, where, label=_("title")),
                    "place": gate.read(work, "place_name", lang, where),
                    "medium": gate.read(work, "medium", lang, where),
                    "caption": gate.read(work, "caption", lang, where, override=entry),
                    "credit": gate.read(work, "credit_line", lang, where, override=entry),
                }
            )
        plate = Plate(
            work=work,
            # One rule for plates, checklist and wall labels: a tour stop's edition numbers by
            # the stop's label numbers, the exhibition's by the catalogue numbers.
            number=(entry.label_number if entry else work.catalogue_number) or "",
            anchor=f"plate-{work.pk}",
            texts=texts,
            facts=[f for f in (work.image_size, work.edition, work.inventory_number) if f],
            image=None,
            label_number=entry.label_number if entry else None,
        )
        plates.append(plate)
        key = work.section_id
        if key not in sections:
            section = work.section
            sections[key] = BookSection(
                anchor=f"section-{key}",
                titles=[
                    gate.read(section, "title", lang, str(section)) if section else Text("", lang)
                    for lang in languages
                ],
            )
            # A tour-stop edition follows the hang (first section first), else the sections' order.
            rank = len(order) if stop is not None else (section.sort_order if section else 0)
            order.append((rank, key))
        sections[key].plates.append(plate)
    gate.check()
    if preflight is not None:
        preflight.check_texts(gate.read_texts)
        preflight.refuse_or_warn()
    book["sections"] = [sections[key] for _order, key in sorted(order, key=lambda o: o[0])]
    book["plates"] = plates
    if not images:  # a check of the texts only (the admin, before queueing the job)
        return book

    # Renditions sized for the printed box, never the original file.
    print_images = PrintImages()
    for index, plate in enumerate(plates, start=1):
        if plate.work.image_id:
            where = f"{plate.work.title} ({plate.work.inventory_number or plate.work.pk})"
            plate.image = print_images.uri(plate.work.image, spec, where)
            plate.alt = _alt(plate.work.image, languages[0])
        progress(
            5 + 60 * index // len(plates),
            _("Images %(done)s/%(total)s")
            % {
                "done": index,
                "total": len(plates),
            },
        )
    cover = exhibition.cover_image or next((p.work.image for p in plates if p.work.image_id), None)
    book["cover"] = (
        print_images.uri(
            cover,
            rendition_spec(COVER_BOX_MM, options.profile, fill=True),
            _("cover of %(exhibition)s") % {"exhibition": where_ex},
        )
        if cover
        else None
    )
    book["cover_alt"] = _alt(cover, languages[0]) if cover else ""
    print_images.check()
    book["credits"] = sorted(
        {
            (p.work.image.photographer_credit, p.work.image.copyright)
            for p in plates
            if p.work.image_id
        }
    )
    book["has_samples"] = any(p.work.is_sample for p in plates)
    return book


def printed_catalogue_html(book):
    """The book as one HTML document (`build_printed_catalogue`'s dict in, str out)."""
    return render_to_string("printing/catalogue.html", book)


@dataclass
class PrintedCataloguePDF:
    pdf: bytes
    pages: int
    plates: int
    warnings: list = field(default_factory=list)  # printing.preflight.Finding (not refused)


def make_printed_catalogue(exhibition, stop, options, progress=None):
    """The printed catalogue's PDF in the options' profile; PrintError (nothing written) when the
    texts or the preflight refuse it."""
    progress = progress or (lambda percent, message: None)
    preflight = options.preflight()
    book = build_printed_catalogue(exhibition, stop, options, progress, preflight=preflight)
    progress(70, _("Laying out pages"))
    profile = output_profile(options.profile)
    document = render_document(
        printed_catalogue_html(book),
        ["catalogue.css"],
        url_fetcher=project_url_fetcher(),
        profile=profile,
    )
    names = {
        plate.anchor: f"{plate.work.title} ({plate.work.inventory_number or plate.work.pk})"
        for plate in book["plates"]
    }
    for anchor, _src, dpi in image_resolutions(document):
        preflight.check_image(names.get(anchor, _("cover")), dpi)
    warnings = preflight.refuse_or_warn()
    progress(90, _("Writing the PDF"))
    pdf = write_document(document, profile)
    return PrintedCataloguePDF(
        pdf=pdf, pages=len(document.pages), plates=len(book["plates"]), warnings=warnings
    )


def printed_catalogue_filename(exhibition, stop, options):
    """The download's file name, "catalogue-<slug>-<languages>-<profile>-<date>.pdf" (as before
    the rename: venues' scripts may look for it)."""
    base = stop.slug if stop else exhibition.slug
    langs = "-".join(options.languages)
    stamp = datetime.date.today().isoformat()
    return f"catalogue-{base}-{langs}-{options.profile}-{stamp}.pdf"
