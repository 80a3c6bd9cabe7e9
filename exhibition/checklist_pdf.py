"""A tour stop's checklist as PDF for the registrar's binder (WeasyPrint, like the packing list).

Headings in the admin language of the user who asks; work titles in every label language of the
venue, in the venue's order (as on the wall labels). Fonts: Noto Sans and Noto Sans CJK SC from
the system (fonts-noto-core, fonts-noto-cjk); files only through the sealed fetcher, no
attachments. No insurance values or lenders: the binder travels with couriers and venue staff.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from catalogue.languages import NATIVE_NAMES, bcp47
from gates.pdf_settings import project_url_fetcher
from gates.url_fetcher import strip_attachments

from .models import ChecklistEntry


def checklist_rows(stop):
    """[(entry, [(html lang, title), …], image size, frame size)] in hanging order, withdrawn
    entries included (marked by their status) so the binder shows what left the wall."""
    languages = stop.venue.label_languages or list(NATIVE_NAMES)
    entries = (
        ChecklistEntry.objects.filter(tour_stop=stop).select_related("work").in_hanging_order()
    )
    rows = []
    for entry in entries:
        work = entry.work
        titles = [
            (bcp47(lang), getattr(work, build_localized_fieldname("title", lang)) or "—")
            for lang in languages
        ]
        rows.append(
            (
                entry,
                titles,
                work.image_size,
                work.frame_size,
            )
        )
    return rows


def checklist_html(stop):
    return render_to_string(
        "exhibition/checklist_pdf.html",
        {
            "stop": stop,
            "rows": checklist_rows(stop),
            "printed": timezone.localdate(),
            "lang": bcp47(get_language() or "de"),
        },
    )


def checklist_pdf(stop):
    """PDF bytes of `stop`'s checklist."""
    from weasyprint import HTML  # imported late: loading Pango is slow and only needed here

    document = HTML(string=checklist_html(stop), url_fetcher=project_url_fetcher()).render()
    return strip_attachments(document).write_pdf()
