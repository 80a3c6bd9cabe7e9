"""Model objects as the API's plain data (api.schemas), in one language.

Translated texts come through `catalogue.models.translation_state.localized` (a draft or missing translation
gives the configured fallback, and says so); rich text is sanitised again on the way out
(gates.richtext) and also given as plain text; images link only renditions and tiles that exist
(never made in a request). Only the public fields are read: registrar data lives in a module this
app never imports, and the venue's room/wall/position and the stop's internal status and
installation dates are left out (docs/api.md).
"""

import re
from html import unescape

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

from catalogue.languages import bcp47, is_blank, raw_value
from catalogue.models.translation_state import localized
from catalogue.renditions import SPECS, ZOOM_SPEC, available_renditions
from gates.richtext import sanitise_rich_text

BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<(br|hr)\s*/?>", re.IGNORECASE)
RELATIVE_HREF = re.compile(r'href="(/[^"/][^"]*|/)"')
THUMBNAIL_SPEC = "fill-320x240|format-jpeg"


def plain_text(html):
    """Rich text as plain text: block elements end a paragraph (blank line), <br> a line."""
    text = BLOCK_END.sub(lambda m: "\n" if m.group(2) else "\n\n", html)
    lines = (" ".join(line.split()) for line in unescape(strip_tags(text)).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class Reader:
    """Reads objects for one request in one language (`code`, e.g. 'zh-hans')."""

    def __init__(self, request, code):
        self.request = request
        self.code = code
        self.lang = bcp47(code)

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else ""

    def api(self, name, *args, query=None):
        url = reverse(f"api_v1:{name}", args=args)
        return self.absolute(f"{url}?lang={self.code}" if query is None else f"{url}?{query}")

    def web(self, name, **kwargs):
        with translation.override(self.code):
            return self.absolute(reverse(name, kwargs=kwargs))

    def text(self, obj, field):
        found = localized(obj, field, self.code)
        return {"value": str(found), "lang": bcp47(found.language), "fallback": found.is_fallback}

    def rich(self, obj, field):
        found = localized(obj, field, self.code)
        with translation.override(self.code):  # links to pages in the language asked for
            html = expand_db_html(sanitise_rich_text(str(found)).html) if found else ""
        html = RELATIVE_HREF.sub(lambda m: f'href="{self.absolute(m.group(1))}"', html)
        return {
            "html": html,
            "text": plain_text(html),
            "lang": bcp47(found.language),
            "fallback": found.is_fallback,
        }

    def override(self, entry, field, work_field):
        """A venue's override where it exists in the language asked for, else the work's text
        (with its fallbacks): the rule of the visitor pages and the wall labels."""
        value = raw_value(entry, field, self.code)
        if not is_blank(value):
            return {"value": value, "lang": self.lang, "fallback": False}
        return self.text(entry.work, work_field)

    # -- images ------------------------------------------------------------------------------

    def rendition(self, rendition, spec):
        fmt = spec.split("format-")[1].split("|")[0]
        return {
            "url": self.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "format": fmt,
        }

    def renditions(self, image, specs):
        return [self.rendition(r, s) for s, r in available_renditions(image, specs).items()]

    def thumbnail(self, image):
        if image is None:
            return None
        found = available_renditions(image, [THUMBNAIL_SPEC])
        return self.rendition(found[THUMBNAIL_SPEC], THUMBNAIL_SPEC) if found else None

    def image(self, image):
        if image is None:
            return None
        try:
            iiif = self.absolute(image.deep_zoom.info_url)
        except ObjectDoesNotExist:
            iiif = None
        zoom = self.renditions(image, [ZOOM_SPEC])
        return {
            "id": image.pk,
            "alt": self.text(image, "alt_text"),
            "width": image.width,
            "height": image.height,
            "credit": image.photographer_credit,
            "copyright": image.copyright,
            "thumbnails": self.renditions(image, SPECS["thumb"]),
            "renditions": self.renditions(image, SPECS["main"]),
            "zoom": zoom[0] if zoom else None,
            "iiif_info": iiif,
        }

    # -- works -------------------------------------------------------------------------------

    def work_ref(self, work):
        return {"id": work.pk, "url": self.api("work", work.pk), "title": self.text(work, "title")}

    def work_summary(self, work):
        with translation.override(self.code):
            web_url = self.absolute(work.get_url(self.request))
        return {
            **self.work_ref(work),
            "web_url": web_url,
            "inventory_number": work.inventory_number,
            "catalogue_number": work.catalogue_number,
            "year": work.year,
            "section": work.section.slug if work.section_id else None,
            "thumbnail": self.thumbnail(work.image),
            "is_sample": work.is_sample,
        }

    def work_detail(self, work, exhibition, counterpart, entries):
        def size(width, height, depth=None):
            return {"width_mm": width, "height_mm": height, "depth_mm": depth}

        return {
            **self.work_summary(work),
            "lang": self.lang,
            "caption": self.text(work, "caption"),
            "description": self.rich(work, "description"),
            "place_name": self.text(work, "place_name"),
            "medium": self.text(work, "medium"),
            "credit_line": self.text(work, "credit_line"),
            "image": self.image(work.image),
            "dimensions": {
                "image": size(work.image_width_mm, work.image_height_mm),
                "sheet": size(work.sheet_width_mm, work.sheet_height_mm),
                "frame": size(work.frame_width_mm, work.frame_height_mm, work.frame_depth_mm),
            },
            "edition": work.edition,
            "edition_number": work.edition_number,
            "edition_size": work.edition_size,
            "artist_proofs": work.artist_proofs,
            "is_artist_proof": work.is_artist_proof,
            "exhibition": self.exhibition_ref(exhibition),
            "counterpart": self.work_ref(counterpart) if counterpart else None,
            "on_view": [self.hanging(entry) for entry in entries],
            "last_published_at": work.last_published_at,
        }

    def hanging(self, entry):
        slug = entry.tour_stop.slug
        return {
            "stop": slug,
            "stop_url": self.api("stop", slug),
            "label_number": entry.label_number,
            "web_url": self.web("visitor:venue_work", stop=slug, label=entry.label_number),
            "short_url": self.absolute(entry.short_path),
        }

    # -- exhibitions -------------------------------------------------------------------------

    def exhibition_ref(self, exhibition):
        return {
            "id": exhibition.pk,
            "url": self.api("exhibition", exhibition.pk),
            "title": self.text(exhibition, "title"),
        }

    def exhibition_summary(self, exhibition):
        with translation.override(self.code):
            web_url = self.absolute(exhibition.get_url(self.request))
        return {
            **self.exhibition_ref(exhibition),
            "slug": exhibition.slug,
            "web_url": web_url,
            "subtitle": self.text(exhibition, "subtitle"),
            "thumbnail": self.thumbnail(exhibition.cover_image),
        }

    def section(self, section):
        return {
            "slug": section.slug,
            "title": self.text(section, "title"),
            "river": self.text(section, "river"),
            "introduction": self.text(section, "introduction"),
        }

    def photographer(self, person):
        if person is None:
            return None
        return {
            "name": self.text(person, "name"),
            "biography": self.rich(person, "biography"),
            "website": person.website,
        }

    # -- tour stops --------------------------------------------------------------------------

    def venue(self, venue):
        return {
            "name": self.text(venue, "name"),
            "city": self.text(venue, "city"),
            "address": self.text(venue, "address"),
            "opening_hours": self.text(venue, "opening_hours"),
            "country": venue.country,
            "time_zone": venue.time_zone,
            "website": venue.website,
        }

    def stop_summary(self, stop):
        today = timezone.now().astimezone(stop.venue.zoneinfo).date()
        status = "past" if stop.closing < today else "current" if stop.opening <= today else "next"
        return {
            "slug": stop.slug,
            "url": self.api("stop", stop.slug),
            "web_url": self.web("visitor:venue_catalogue", stop=stop.slug),
            "checklist_url": self.api("checklist", stop.slug),
            "exhibition": self.exhibition_ref(stop.exhibition),
            "venue": self.venue(stop.venue),
            "opening": stop.opening,
            "closing": stop.closing,
            "status": status,
        }

    def checklist_item(self, entry, position):
        slug = entry.tour_stop.slug
        return {
            "label_number": entry.label_number,
            "position": position,
            "web_url": self.web("visitor:venue_work", stop=slug, label=entry.label_number),
            "short_url": self.absolute(entry.short_path),
            "section": entry.work.section.slug if entry.work.section_id else None,
            "caption": self.override(entry, "caption_override", "caption"),
            "credit_line": self.override(entry, "credit_line_override", "credit_line"),
            "work": self.work_summary(entry.work),
        }
