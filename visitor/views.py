"""Visitor pages that are not Wagtail pages: a tour stop's catalogue, a work at a stop, the label
keypad, search, and the kiosk variants of them (kiosk=True keeps the visitor inside one stop)."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from catalogue.models import Section
from catalogue.models.translation_state import prefetch_statuses_along
from catalogue.paging import NoSuchPage, first_page_url, paginate
from catalogue.search import query_terms

from .queries import (
    entry_url,
    label_url,
    public_scope,
    public_stops,
    public_works,
    stop_entries,
    stop_status,
    stop_url,
    visit_for,
    with_renditions,
)
from .search import candidates, find_work_ids, hit, rank

MAX_LABEL = 10**6


def kiosk_context(stop, kiosk):
    """Kiosk pages link to their start screen in the page's language (`kiosk_start`); the idle
    reset goes to the start screen in the venue's first language (`kiosk_home`), not the last
    visitor's."""
    if not kiosk:
        return {"kiosk": False}
    with override(stop.venue.label_languages[0]):
        home = stop_url(stop, kiosk=True)
    return {
        "kiosk": True,
        "kiosk_stop": stop,
        "kiosk_home": home,
        "kiosk_start": stop_url(stop, kiosk=True),
        "kiosk_idle_seconds": settings.LEPORELLO_KIOSK_IDLE_SECONDS,
        "kiosk_check_seconds": settings.LEPORELLO_KIOSK_CHECK_SECONDS,
    }


def get_stop(slug, exhibitions=None):
    return get_object_or_404(public_stops(exhibitions), slug=slug)


def with_statuses(entries, sections=()):
    """Translation statuses of checklist entries, their works, images and sections, and of the
    `sections` listed beside them: one query for the request."""
    return prefetch_statuses_along(entries, "work", "work__image", "work__section", more=[sections])


def venue_catalogue(request, stop, kiosk=False):
    """The works on one stop's checklist in hanging order, with label numbers; ?section= filters,
    ?page= pages (visitor.paging)."""
    works, exhibitions = public_scope()  # the view restrictions, read once
    tour_stop = get_stop(stop, exhibitions)
    all_entries = stop_entries(tour_stop, thumbnails=False, works=works)
    section_ids = set(all_entries.values_list("work__section_id", flat=True))
    sections = list(Section.objects.filter(pk__in=section_ids))
    wanted = request.GET.get("section")
    chosen = next((s for s in sections if s.slug == wanted), None)
    if wanted is not None and chosen is None:
        # An unknown section shows the whole catalogue at its one address (and one cache entry).
        return redirect(stop_url(tour_stop, kiosk))
    entries = stop_entries(tour_stop, works=works)
    if chosen:
        entries = entries.filter(work__section=chosen)
    try:
        page = paginate(request, entries)
    except NoSuchPage:
        return redirect(first_page_url(request))
    entries = list(page.object_list)
    for entry in entries:
        entry.tour_stop = tour_stop
    with_statuses(entries, [*sections, tour_stop.venue])  # the venue's name and city too
    items = [(entry, entry_url(entry, kiosk)) for entry in entries]
    return render(
        request,
        "visitor/venue_catalogue.html",
        {
            "stop": tour_stop,
            "status": stop_status(tour_stop),
            "items": items,
            "listing": page,
            "sections": sections,
            "chosen_section": chosen,
            **stop_links(tour_stop, kiosk),
        },
    )


def stop_links(stop, kiosk):
    """The stop's catalogue and label keypad addresses (kiosk or phone) and the kiosk context."""
    lookup = "visitor:kiosk_lookup" if kiosk else "visitor:label_lookup"
    return {
        "catalogue_url": stop_url(stop, kiosk),
        "lookup_url": reverse(lookup, kwargs={"stop": stop.slug}),
        **kiosk_context(stop, kiosk),
    }


def no_such_label(request, tour_stop, label, kiosk):
    """Not an error for the visitor: the number is simply not on this venue's wall."""
    return render(
        request,
        "visitor/no_such_label.html",
        {
            "stop": tour_stop,
            "label": label,
            **stop_links(tour_stop, kiosk),
        },
        status=404,
    )


def venue_work(request, stop, label, kiosk=False):
    """A work as it hangs at a stop: its label number, previous and next on the wall."""
    works, exhibitions = public_scope()  # the view restrictions, read once
    tour_stop = get_stop(stop, exhibitions)
    visit = visit_for(tour_stop, label=label, kiosk=kiosk, works=works)
    if visit is None:
        return no_such_label(request, tour_stop, label, kiosk)
    work = with_renditions(works.filter(pk=visit.entry.work_id), "main").select_related(
        "image__deep_zoom", "section"
    )[0]
    visit.entry.work = work
    # The work page gathers the rest (catalogue.models.works.WorkPage.page_context), with the
    # translation statuses of every text it shows in one query.
    context = {
        "page": work,
        "self": work,
        "request": request,
        "visit": visit,
        "stop": tour_stop,
        **kiosk_context(tour_stop, kiosk),
    }
    return render(request, "catalogue/work_page.html", work.page_context(request, context))


def label_lookup(request, stop, kiosk=False):
    """The keypad: "enter the number on the wall label"; ?n=12 opens that work at this stop."""
    tour_stop = get_stop(stop)
    raw = (request.GET.get("n") or "").strip()
    error = ""
    if raw:
        if raw.isascii() and raw.isdigit() and int(raw) < MAX_LABEL:
            name = "visitor:kiosk_work" if kiosk else "visitor:venue_work"
            return redirect(reverse(name, kwargs={"stop": tour_stop.slug, "label": int(raw)}))
        error = _("Please enter the number printed on the wall label, digits only.")
    return render(
        request,
        "visitor/label_lookup.html",
        {
            "stop": tour_stop,
            "value": raw[:12],
            "error": error,
            "catalogue_url": stop_url(tour_stop, kiosk),
            **kiosk_context(tour_stop, kiosk),
        },
    )


def with_pictures(works):
    """`works` (a list) reloaded with their thumbnails, images and sections, and the translation
    statuses of all three in one query: what a page of search results draws."""
    ids = [w.pk for w in works]
    by_id = {
        w.pk: w
        for w in with_renditions(
            public_works().filter(pk__in=ids).select_related("image", "section"), "thumb"
        )
    }
    shown = [by_id[pk] for pk in ids if pk in by_id]
    return prefetch_statuses_along(shown, "image", "section")


def search(request, stop=None, kiosk=False):
    """Published works by title, caption, description, place and inventory number, any language,
    any spelling (traditional characters, Pinyin, ae for ä): visitor/search.py. All matches are
    ranked (titles and translation statuses only); `?page=` draws and highlights one page."""
    query = (request.GET.get("q") or "").strip()
    terms = query_terms(query)
    tour_stop = get_stop(stop) if stop else None
    results = []
    page = None
    ids = find_work_ids(terms)
    if ids:
        labels = {}
        if tour_stop is not None:
            # Kiosk search keeps only the stop's works (search backends cannot join checklists).
            on_wall = stop_entries(tour_stop, thumbnails=False).rewrite(False)
            labels = dict(on_wall.values_list("work_id", "label_number"))
            ids = [pk for pk in ids if pk in labels]
        try:
            page = paginate(request, rank(candidates(ids), query, terms))
        except NoSuchPage:
            return redirect(first_page_url(request))
        for work in with_pictures(page.object_list):
            if tour_stop is not None:
                label = labels[work.pk]
                results.append(hit(work, terms, label_url(tour_stop, label, kiosk), label))
            else:
                results.append(hit(work, terms, work.get_url(request=request)))
    context = {
        "query": query[:200],
        "results": results,
        "listing": page,
        "searched": bool(query),
        "stop": tour_stop,
        **(kiosk_context(tour_stop, kiosk) if tour_stop else {"kiosk": False}),
    }
    return render(request, "visitor/search.html", context)


def kiosk_search(request, stop):
    return search(request, stop=stop, kiosk=True)
