"""The public read-only API, /api/v1/ (django-ninja): works, exhibitions, tour stops and their
checklists in German, Simplified Chinese or English. Its OpenAPI 3 document is
/api/v1/openapi.json; docs/api.md describes the resources and the rules.

Every operation is GET (HEAD and CORS preflight are answered by api.http and django-cors-headers;
any other method gets 405). Bad parameters get 400 with the parameter named and what is allowed,
unknown objects 404, too many requests 429: always JSON in the `Error` shape.
"""

from typing import Literal
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError

from catalogue.languages import LANGUAGE_CODES, bcp47
from catalogue.models.translation_state import prefetch_statuses, prefetch_statuses_along

from . import queries
from .http import remember_answer
from .schemas import (
    Checklist,
    Error,
    ExhibitionDetail,
    ExhibitionList,
    Index,
    StopDetail,
    StopList,
    WorkDetail,
    WorkList,
)
from .serialise import Reader
from .throttle import PublicRateThrottle

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_OFFSET = 100_000
MAX_ID = 2**31 - 1
# zh-Hans (BCP 47, as in HTML lang) and zh-hans (Django's code) name the same language.
Language = Literal["de", "zh-hans", "zh-Hans", "en"]
LANGUAGE_HELP = (
    "Language of the texts: de (the original), zh-hans or zh-Hans (Simplified Chinese), en. "
    "Default de. A text missing in that language comes in its fallback language, marked "
    "`fallback: true` with its own `lang`."
)
ERRORS = {400: Error, 404: Error, 429: Error}
SLUG = r"^[-a-zA-Z0-9_]+$"

api = NinjaAPI(
    title="Leporello public API",
    version="1",
    description=(
        "Published works, exhibitions and tour stops of a touring photo exhibition, in German, "
        "Simplified Chinese and English. Read-only, no sign-in; CORS open to every origin."
    ),
    urls_namespace="api_v1",
    docs_url=None,  # Swagger UI would load from a CDN; the JSON document is the interface
    throttle=[PublicRateThrottle()],
)
api.add_decorator(remember_answer, mode="view")


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    """Pydantic's complaints as 400 with each parameter named (never echoing the input)."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[-1] if location else "request"
        message = error.get("msg", "invalid value")
        if name == "lang":
            message = "Unknown language. Use one of: de, zh-hans (or zh-Hans), en."
        errors.append({"parameter": name, "message": message})
    names = ", ".join(sorted({e["parameter"] for e in errors}))
    detail = f"Invalid parameter {names}: see `errors`, change the value and ask again."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=400)


def reader(request, lang):
    code = lang.lower()
    if code not in LANGUAGE_CODES:  # the Literal already refused it; kept as the last gate
        raise HttpError(400, "Unknown language. Use one of: de, zh-hans (or zh-Hans), en.")
    return Reader(request, code)


def page_links(read, name, args, count, limit, offset, **filters):
    def link(at):
        query = {k: v for k, v in filters.items() if v is not None}
        query.update(lang=read.code, limit=limit, offset=at)
        return read.absolute(f"{reverse(f'api_v1:{name}', args=args)}?{urlencode(query)}")

    following = link(offset + limit) if offset + limit < count else None
    previous = link(max(0, min(offset, count) - limit)) if offset > 0 else None
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": following,
        "previous": previous,
        "lang": read.lang,
    }


def answer(request, read, data):
    """Content-Language says which language was asked for (texts carry their own `lang`)."""
    request.api_content_language = read.lang
    return data


Lang = Query("de", description=LANGUAGE_HELP)


class Page(Schema):
    """The query parameters of every list: its language and which part of it."""

    lang: Language = Field("de", description=LANGUAGE_HELP)
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1–{MAX_LIMIT}."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")


PageQuery = Query(...)


def page_of(request, page, name, found, summary, args=(), **filters):
    """The answer of a list: `page` of the queryset `found`, each row as `summary(read, row)`
    says, with the links to the pages before and after it (`filters` kept in them)."""
    read = reader(request, page.lang)
    count = found.count()
    rows = list(found[page.offset :][: page.limit])
    links = page_links(read, name, args, count, page.limit, page.offset, **filters)
    return answer(request, read, {**links, "results": [summary(read, row) for row in rows]})


OfExhibition = Query(None, ge=1, le=MAX_ID, description="Exhibition id.")
WorkId = Path(..., ge=1, le=MAX_ID, description="The work's id.")
ExhibitionId = Path(..., ge=1, le=MAX_ID, description="The exhibition's id.")


@api.get("/", response={200: Index, 429: Error}, url_name="index", summary="Where to start")
def index(request: HttpRequest):
    read = Reader(request, "de")
    return {
        "openapi": read.absolute(reverse("api_v1:openapi-json")),
        "works": read.api("works"),
        "exhibitions": read.api("exhibitions"),
        "stops": read.api("stops"),
        "languages": [bcp47(code) for code in LANGUAGE_CODES],
    }


@api.get("/works", response={200: WorkList, **ERRORS}, url_name="works", summary="Works")
def works(
    request: HttpRequest,
    page: Page = PageQuery,
    exhibition: int | None = OfExhibition,
    section: str | None = Query(None, max_length=80, description="Section slug."),
):
    """Published works in catalogue order (section, catalogue number)."""
    exhibitions = queries.public_exhibitions()
    if exhibition is not None:
        exhibitions = exhibitions.filter(pk=exhibition)
    found = queries.public_works(exhibitions).in_catalogue_order()
    if section is not None:
        found = found.filter(section__slug=section)
    found = queries.with_renditions(
        found.select_related("image", "section")
    ).with_translation_statuses("image", "section")
    summary = Reader.work_summary
    return page_of(request, page, "works", found, summary, exhibition=exhibition, section=section)


@api.get("/works/{id}", response={200: WorkDetail, **ERRORS}, url_name="work", summary="A work")
def work(request: HttpRequest, id: int = WorkId, lang: Language = Lang):
    """One published work with its texts, image renditions and where it hangs."""
    read = reader(request, lang)
    found = (
        queries.with_renditions(
            queries.public_works().filter(pk=id).select_related("image", "section")
        )
        .with_translation_statuses("image", "section")
        .first()
    )
    if found is None:
        raise HttpError(404, f"No published work has the id {id}. The list is at /api/v1/works.")
    exhibition = found.get_parent().specific
    prefetch_statuses([exhibition])
    pair = found.paired_work
    if pair is not None and not queries.public_works().filter(pk=pair.pk).exists():
        pair = None
    entries = list(queries.public_entries_of(found))
    return answer(request, read, read.work_detail(found, exhibition, pair, entries))


@api.get(
    "/exhibitions",
    response={200: ExhibitionList, **ERRORS},
    url_name="exhibitions",
    summary="Exhibitions",
)
def exhibitions(request: HttpRequest, page: Page = PageQuery):
    """Published exhibitions."""
    found = queries.public_exhibitions().select_related("cover_image")
    found = queries.with_renditions(found, prefix="cover_").with_translation_statuses()
    return page_of(request, page, "exhibitions", found, Reader.exhibition_summary)


@api.get(
    "/exhibitions/{id}",
    response={200: ExhibitionDetail, **ERRORS},
    url_name="exhibition",
    summary="An exhibition",
)
def exhibition(request: HttpRequest, id: int = ExhibitionId, lang: Language = Lang):
    """One published exhibition: texts, photographer, sections, tour stops."""
    read = reader(request, lang)
    found = (
        queries.with_renditions(queries.public_exhibitions().filter(pk=id), prefix="cover_")
        .select_related("photographer", "cover_image")
        .with_translation_statuses("photographer", "cover_image")
        .first()
    )
    if found is None:
        raise HttpError(
            404, f"No published exhibition has the id {id}. The list is at /api/v1/exhibitions."
        )
    sections = prefetch_statuses(list(found.sections.order_by("sort_order")))
    stops = list(queries.public_stops().filter(exhibition=found).with_translation_statuses("venue"))
    data = {
        **read.exhibition_summary(found),
        "lang": read.lang,
        "introduction": read.rich(found, "introduction"),
        "photographer": read.photographer(found.photographer),
        "cover_image": read.image(found.cover_image),
        "sections": [read.section(s) for s in sections],
        "stops": [read.stop_summary(s) for s in stops],
        "works_url": read.api("works", query=urlencode({"lang": read.code, "exhibition": id})),
        "work_count": queries.public_works([found]).count(),
    }
    return answer(request, read, data)


@api.get("/stops", response={200: StopList, **ERRORS}, url_name="stops", summary="Tour stops")
def stops(request: HttpRequest, page: Page = PageQuery, exhibition: int | None = OfExhibition):
    """The tour stops of published exhibitions (not cancelled ones), by opening date."""
    found = queries.public_stops()
    if exhibition is not None:
        found = found.filter(exhibition_id=exhibition)
    found = found.with_translation_statuses("venue", "exhibition")
    return page_of(request, page, "stops", found, Reader.stop_summary, exhibition=exhibition)


def get_stop(slug):
    found = (
        queries.public_stops()
        .filter(slug=slug)
        .with_translation_statuses("venue", "exhibition")
        .first()
    )
    if found is None:
        raise HttpError(404, "No public tour stop has this slug. The list is at /api/v1/stops.")
    return found


StopSlug = Path(..., max_length=50, pattern=SLUG, description="The stop's short name.")


@api.get(
    "/stops/{slug}", response={200: StopDetail, **ERRORS}, url_name="stop", summary="A tour stop"
)
def stop(request: HttpRequest, slug: str = StopSlug, lang: Language = Lang):
    """One tour stop: venue, dates, and the sections on its checklist with their work counts."""
    read = reader(request, lang)
    found = get_stop(slug)
    works_here = [e.work for e in queries.stop_entries(found)]
    counts = {}
    for w in works_here:
        counts[w.section_id] = counts.get(w.section_id, 0) + 1
    sections = prefetch_statuses(
        sorted(
            {w.section_id: w.section for w in works_here if w.section_id}.values(),
            key=lambda s: (s.sort_order, s.slug),
        )
    )
    data = {
        **read.stop_summary(found),
        "lang": read.lang,
        "work_count": len(works_here),
        "sections": [
            {"slug": s.slug, "title": read.text(s, "title"), "work_count": counts[s.pk]}
            for s in sections
        ],
    }
    return answer(request, read, data)


@api.get(
    "/stops/{slug}/checklist",
    response={200: Checklist, **ERRORS},
    url_name="checklist",
    summary="A tour stop's checklist",
)
def checklist(
    request: HttpRequest,
    slug: str = StopSlug,
    page: Page = PageQuery,
    section: str | None = Query(None, max_length=80, description="Only this section (slug)."),
):
    """The works at a stop in hanging order with their label numbers; withdrawn works left out.
    `position` counts the whole hanging order, also when a section is chosen."""
    read = reader(request, page.lang)
    found = get_stop(slug)
    entries = list(queries.with_renditions(queries.stop_entries(found), prefix="work__"))
    numbered = [
        (position, entry)
        for position, entry in enumerate(entries, start=1)
        if section is None or (entry.work.section_id and entry.work.section.slug == section)
    ]
    shown = numbered[page.offset :][: page.limit]
    for _position, entry in shown:
        entry.tour_stop = found
    prefetch_statuses_along([e for _p, e in shown], "work", "work__image", "work__section")
    links = page_links(
        read, "checklist", (slug,), len(numbered), page.limit, page.offset, section=section
    )
    return answer(
        request,
        read,
        {
            **links,
            "stop": found.slug,
            "results": [read.checklist_item(entry, position) for position, entry in shown],
        },
    )
