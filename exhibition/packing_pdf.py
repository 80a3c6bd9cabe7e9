"""The packing list of a leg as PDF (WeasyPrint), self-contained in this one module.

The fonts are the system's Noto Sans and Noto Sans CJK SC (Debian fonts-noto-core and
fonts-noto-cjk), named in the CSS so German and Chinese titles both render; no web fonts, no
network; files only through the sealed fetcher, no attachments. Values are not printed: carriers and couriers get this list.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from gates.pdf_settings import project_url_fetcher
from gates.url_fetcher import strip_attachments

from .exports import crates_of


def packing_list_html(leg):
    crates = list(crates_of(leg))
    return render_to_string(
        "exhibition/packing_list.html",
        {
            "leg": leg,
            "crates": crates,
            "work_count": sum(len(c.works.all()) for c in crates),
            "total_weight": sum((c.weight_kg for c in crates), 0),
            "printed": timezone.localdate(),
        },
    )


def packing_list_pdf(leg):
    from weasyprint import HTML  # imported late: loading Pango is slow and only needed here

    # The same sealed fetcher as the labels and the printed catalogue (gates/url_fetcher.py).
    document = HTML(string=packing_list_html(leg), url_fetcher=project_url_fetcher()).render()
    return strip_attachments(document).write_pdf()
