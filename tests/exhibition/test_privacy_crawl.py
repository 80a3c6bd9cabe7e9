"""Private registrar values never reach a public address: a crawl of every address, per role."""

import io
import re
from decimal import Decimal
from urllib.parse import urlparse

import lxml.html
import pytest
from openpyxl import load_workbook

from catalogue.models import WorkPage
from exhibition.models import ChecklistEntry, ConditionReport
from exhibition.models.registrar import Lender, WorkLoan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


PASSWORD = "pw"
ROLES = [None, "Translator", "Curator", "Registrar"]
# GET on these would log out, or lay out a whole PDF of public data (printing has its own tests).
# GET on these would log out, lay out a whole PDF of public data (printing has its own tests), or
# show an empty form already reached through its add/edit twin.
SKIP = re.compile(
    r"/admin/logout/|/preview|/printing/(labels|catalogue)/|/copy/|/add_subpage/|/revisions/"
)
# Links followed per address shape (digits replaced): one work, one snippet of a kind, etc.
PER_SHAPE = 1
PRIVATE_MODELS = {"lender", "workloan", "conditionreport", "transitleg"}
LOGIN = "/login/"  # the admin's and the public one (/de/_util/login/)


@pytest.fixture
def private_demo():
    """The demo's private values, made unmistakable: crate numbers, a loan agreement, a tag."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from exhibition.models import Crate

    for crate in Crate.objects.all():
        # Long enough never to turn up by chance in a token or a file name ("KX1Q" once did,
        # inside a rendition's random suffix on a report page).
        crate.number = f"KXGEHEIM{crate.pk:04d}"
        crate.save(update_fields=["number"])
    loan = WorkLoan.objects.get(work__inventory_number="BL-R-05")
    document = get_document_model().objects.create(
        title="Leihvertrag Vertraulich 7731",
        collection=Collection.objects.get(name="Leihverträge (privat)"),
        file=ContentFile(b"Vertragstext Geheimklausel 4412", name="leihvertrag-vertraulich.txt"),
    )
    document.tags.add("leihvertragsgeheimnis")
    loan.agreement = document
    loan.save()
    return document


def private_values_by_kind():
    """{kind: texts} that only the Registrar may ever see, and the insurance values."""
    from wagtail.documents import get_document_model

    from exhibition.models import Crate, TransitLeg

    loans = list(WorkLoan.objects.select_related("lender"))
    lenders = list(Lender.objects.all())
    reports = list(ConditionReport.objects.all())
    legs = list(TransitLeg.objects.all())
    documents = list(get_document_model().objects.filter(collection__name__contains="privat"))
    kinds = {
        "lender": {lender.name for lender in lenders},
        "lender notes": {x for lender in lenders for x in (lender.notes, lender.contact) if x},
        "loan notes": {loan.notes for loan in loans if loan.notes},
        "condition notes": {r.notes for r in reports if r.notes},
        "examiner": {r.examiner for r in reports},
        "leg": {x for leg in legs for x in (leg.carrier, leg.courier, leg.reference) if x},
        "crate": set(Crate.objects.values_list("number", flat=True)),
        "agreement": {d.title for d in documents} | {"Geheimklausel"},
        "agreement file": {d.file.name.rsplit("/", 1)[-1] for d in documents},
        "document tag": {tag for d in documents for tag in d.tags.names()},
    }
    numbers = {loan.insurance_value for loan in loans}
    numbers.add(sum(numbers))
    return kinds, numbers


def private_values():
    """(texts, insurance values) that only the Registrar may ever see."""
    kinds, numbers = private_values_by_kind()
    return set().union(*kinds.values()), numbers


def number_patterns(value):
    whole = int(value)
    forms = {
        f"{value:.2f}",
        f"{value:,.2f}",
        f"{whole:,}",
        f"{whole:,}".replace(",", "."),
        str(whole),
    }
    forms.add(f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."))
    return [re.compile(rf"(?<![\w.,]){re.escape(f)}(?![\w]|[.,]\d)") for f in forms]


def readable_text(response):
    """What a person gets from a response: HTML/JSON unescaped, spreadsheet cells, PDF text."""
    import html
    import json
    import subprocess

    content_type = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in content_type:
        book = load_workbook(io.BytesIO(content))
        return "\n".join(
            " ".join(str(c) for c in row if c is not None)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
        )
    if "pdf" in content_type:
        return subprocess.run(
            ["pdftotext", "-", "-"],  # noqa: S607  (poppler-utils, a Debian package we use)
            input=content,
            capture_output=True,
            check=True,
        ).stdout.decode()
    text = content.decode("utf-8", errors="replace")
    if "json" in content_type:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if "html" in content_type and text.strip():
        # schema.org JSON-LD in the head escapes <, > and & as \u003C…: read it decoded too.
        for script in parse_html(text).xpath('//script[@type="application/ld+json"]/text()'):
            text += "\n" + json.dumps(json.loads(script), ensure_ascii=False)
    return html.unescape(html.unescape(text))


def parse_html(text):
    """The document tree of an HTML page (lxml: the crawl reads about 950 pages, and
    BeautifulSoup's tree took a fifth of its time)."""
    return lxml.html.document_fromstring(text)


def start_addresses(document):
    """Every kind of public and admin address, with the private objects' own ids."""
    from django.apps import apps
    from django.urls import reverse
    from wagtail.snippets.models import get_snippet_models

    from exhibition.models import TourStop, TransitLeg

    texts, _numbers = private_values()
    public = ["/de/", "/zh-hans/", "/en/", "/sitemap.xml", "/robots.txt", "/sitemap-pages-de.xml"]
    public += ["/sitemap-stops-zh-hans.xml", "/en/stops/chongqing-2024/?page=2"]
    public += [e.short_path for e in ChecklistEntry.objects.select_related("tour_stop")]
    # IIIF manifests and collections (openstandards), JSON read by viewers on other sites.
    public += [
        f"/iiif/work/{pk}/manifest.json" for pk in WorkPage.objects.values_list("pk", flat=True)
    ]
    public += [
        f"/iiif/stop/{slug}/collection.json"
        for slug in TourStop.objects.values_list("slug", flat=True)
    ]
    public += ["/iiif/exhibition/flusslandschaften/collection.json"]
    # The public API (issue 15), each list in each language; the crawl follows its links.
    public += ["/api/v1/", "/api/v1/openapi.json"]
    for code in ("de", "zh-hans", "en"):
        public += [f"/api/v1/{kind}?lang={code}" for kind in ("works", "exhibitions", "stops")]
    # The offline kiosk (issue 16): what a tablet downloads and stores.
    public += ["/kiosk-sw.js"]
    for slug in TourStop.objects.values_list("slug", flat=True):
        public += [f"/kiosk/{slug}/{name}" for name in ("offline.json", "version.json")]
        public += [f"/kiosk/{slug}/manifest.webmanifest", f"/en/kiosk/{slug}/staff/"]
        public += [f"/{lang}/kiosk/{slug}/search-index.json" for lang in ("de", "zh-hans", "en")]
    start = ["/admin/", "/admin/reports/site-history/", "/admin/reports/site-history/results/"]
    start += ["/admin/reports/locked/", "/admin/reports/aging-pages/", "/admin/documents/"]
    start += ["/admin/reports/page-types-usage/", "/admin/images/", "/admin/pages/search/?q=BL"]
    start += ["/admin/translations/", "/admin/translations/export/?file_format=xlsx&languages=en"]
    start += ["/admin/tour/where/", "/admin/tour/timeline/", "/admin/tour/missing-check-in/"]
    start += ["/admin/registrar/totals/", "/admin/printing/", "/admin/documents/chooser/"]
    start += ["/admin/images/chooser/", "/admin/choose-page/"]
    for term in ["Leih", "Atelier", "KX"]:
        start += [f"/admin/pages/search/?q={term}", f"/admin/documents/?q={term}"]
        start += [f"/admin/tag-autocomplete/?term={term.lower()}"]
        start += [f"/admin/documents/chooser/results/?q={term}"]
    start += [f"/admin/documents/{view}/{document.pk}/" for view in ("edit", "usage", "delete")]
    start += [f"/admin/documents/chooser/chosen/{document.pk}/", document.url]
    start += [document.file.url]
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        start += [reverse(viewset.get_url_name("list")), reverse(viewset.get_url_name("add"))]
        chooser = f"/admin/snippets/choose/{model._meta.app_label}/{model._meta.model_name}/"
        start += [chooser, chooser + "results/?q=a"]
        obj = model.objects.first()
        start += [f"{chooser}chosen/{obj.pk}/", f"{chooser}chosen-multiple/?id={obj.pk}"]
        if model._meta.model_name in PRIVATE_MODELS:
            for view in ("edit", "history", "usage"):
                start.append(reverse(viewset.get_url_name(view), args=(obj.pk,)))
    for stop in TourStop.objects.all():
        start.append(f"/admin/lido/stop/{stop.pk}/")  # LIDO export: public data only
        start.append(f"/admin/kiosk/{stop.pk}/")
        for fmt in ("csv", "xlsx"):
            start.append(reverse("tour_export", args=(stop.pk, fmt)))
        start.append(reverse("tour_export", args=(stop.pk, "xlsx")) + "?private=1")
    for leg in TransitLeg.objects.all():
        start += [reverse("tour_packing_list", args=(leg.pk, fmt)) for fmt in ("pdf", "xlsx")]
        start.append(reverse("tour_close_leg", args=(leg.pk,)))
    for loan in WorkLoan.objects.filter(work__inventory_number__in=["BL-R-05", "BL-J-02"]):
        work = loan.work_id
        start += [f"/admin/pages/{work}/edit/", f"/admin/pages/{work}/usage/"]
        start += [f"/admin/pages/{work}/history/", reverse("tour_work", args=(work,))]
    page_model = apps.get_model("catalogue", "WorkPage")
    start += [f"/admin/pages/{page_model.objects.first().get_parent().pk}/"]
    assert texts
    return public, start


def api_links(value):
    """Every address of the public API named in a JSON answer (works, stops, next pages, …)."""
    if isinstance(value, dict):
        return [link for item in value.values() for link in api_links(item)]
    if isinstance(value, list):
        return [link for item in value for link in api_links(item)]
    parts = urlparse(value) if isinstance(value, str) else None
    if parts and parts.netloc == "testserver" and parts.path.startswith("/api/"):
        return [f"{parts.path}?{parts.query}" if parts.query else parts.path]
    return []


def crawl(client, start, public=True):
    """{address: readable text} of every address reachable from `start` (GET, same site).

    A redirect is followed as a link (admin) or at once (public pages); a refusal or the
    sign-in page counts as nothing shown. Links to public pages are followed if `public`; links
    in the admin only PER_SHAPE times per address shape, the named `start` addresses always.
    """
    from collections import Counter

    seen, queue, bodies, shapes = set(), [(u, True) for u in reversed(start)], {}, Counter()
    while queue:
        url, named = queue.pop()
        path = urlparse(url).path
        if url in seen or SKIP.search(url) or path.endswith(LOGIN):
            continue
        shape = re.sub(r"\d+", "N", path)
        if not named and path.startswith("/admin/") and shapes[shape] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape] += 1
        response = client.get(url, follow=not path.startswith("/admin/"))
        if response.status_code in (301, 302):
            queue.append((response["Location"], False))
            continue
        if response.status_code != 200 or response.request["PATH_INFO"].endswith(LOGIN):
            continue
        bodies[url] = body = readable_text(response)
        if public and path.startswith("/api/") and "json" in response.get("Content-Type", ""):
            queue += [(link, False) for link in api_links(response.json())]
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in parse_html(body).xpath("//a/@href") if body.strip() else []:
            parts = urlparse(href)
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(("/admin/", "/documents/", "/media/")) or public:
                queue.append((parts.path, False))
    return bodies


def test_every_address_shows_private_values_only_to_the_registrar(client, make_user, private_demo):
    """Anonymous, Translator, Curator and Registrar walk the public site and the whole admin
    (choosers, search, autocomplete, reports, exports, documents): private values only for the
    Registrar, who must meet each of them somewhere (so the crawl reaches them)."""
    kinds, numbers = private_values_by_kind()
    texts = set().union(*kinds.values())
    patterns = [p for n in numbers for p in number_patterns(Decimal(n))]
    public, admin = start_addresses(private_demo)
    leaks, seen_by_registrar, pages, admin_pages = [], set(), {}, {}
    bodies_of_anonymous = {}
    for role in ROLES:
        client.logout()
        if role:
            client.force_login(make_user(role.lower(), role))
        # Public pages are the same for everyone: anonymous visitors walk all of them, staff
        # get the start pages (with the user bar) and one short address.
        start = public + admin if role is None else public[:6] + admin
        bodies = crawl(client, start, public=role is None)
        pages[role] = len(bodies)
        if role is None:
            bodies_of_anonymous = bodies
        admin_pages[role] = sum(url.startswith("/admin/") for url in bodies)
        for url, body in bodies.items():
            found = {t for t in texts if t in body}
            found |= {p.pattern for p in patterns if p.search(body)}
            if role == "Registrar":
                seen_by_registrar |= found
            else:
                leaks += [(role, url, value) for value in sorted(found)]
    assert not leaks, "\n".join(map(str, leaks))
    # The crawl reaches every kind of private value (the registrar meets each kind somewhere).
    assert all(values & seen_by_registrar for values in kinds.values()), [
        kind for kind, values in kinds.items() if not values & seen_by_registrar
    ]
    assert any(p.pattern in seen_by_registrar for p in patterns)
    assert pages[None] >= 3 * 26  # home, exhibition and 24 works in three languages
    api = [url for url in bodies_of_anonymous if url.startswith("/api/v1/works/")]
    assert len(api) >= 3 * 24  # every work of the API in three languages
    assert admin_pages[None] == 0
    assert admin_pages["Registrar"] > admin_pages["Curator"] > admin_pages["Translator"] > 20


def test_the_crawl_reads_json_ld_as_decoded_text():
    """A private value escaped inside a page's JSON-LD (<, >, & as \\u003C…) is still found."""
    from django.http import HttpResponse

    from visitor.structured_data import json_ld_script

    script = json_ld_script({"name": "Leihgeber <Privat> & Co"})
    response = HttpResponse(
        f'<html><head><script type="application/ld+json">{script}</script></head></html>',
        content_type="text/html; charset=utf-8",
    )
    assert "Leihgeber <Privat> & Co" not in response.content.decode()
    assert "Leihgeber <Privat> & Co" in readable_text(response)
