"""What the tablet site adds to the pages of the works and exhibitions apps (through the hooks of
`catalogue.page_context`, registered in `visitor/wagtail_hooks.py`), so those apps never import
visitor: a work seen at a tour stop, an exhibition's tour, and the pictures."""

from catalogue.languages import LocalizedText, current_language, is_blank, raw_value

from .pictures import picture_html
from .queries import (
    current_or_next,
    default_stop_for,
    public_scope,
    public_stops,
    stop_status,
    visit_for,
)


def venue_override(entry, field):
    """A venue's override of a text, only where it exists in the visitor's own language (else the
    work's own text, with its usual fallbacks, is the better choice)."""
    if not entry:
        return None
    code = current_language()
    value = raw_value(entry, field, code)
    if is_blank(value):
        return None
    return LocalizedText(value=value, language=code, requested=code)


def work_at_a_stop(page, request, context):
    """The Visit a work page shows (label number, prev/next in hanging order): `visit`, given by
    the view (a work at a stop), else `default_visit`, at the stop where the work hangs now or
    next; the venue's own caption and credit line; the counterpart's address at that stop."""
    visit = context.get("visit")
    if not visit:
        # Only the page's content browses in it: the head (canonical link, description) is
        # that of the work's own page. The view restrictions are read once for both lookups.
        works, exhibitions = public_scope()
        stop = default_stop_for(page, exhibitions)
        visit = visit_for(stop, page, works=works) if stop else None
        context["default_visit"] = visit
    if not visit:
        return []
    context["caption_override"] = venue_override(visit.entry, "caption_override")
    context["credit_line_override"] = venue_override(visit.entry, "credit_line_override")
    pair = context.get("counterpart")
    if pair is not None:
        # The counterpart at the same stop, else (outside kiosk mode) its own page; in kiosk
        # mode no link leaves the stop.
        url = visit.url_of_work(pair)
        context["counterpart_url"] = url if url or visit.kiosk else pair.get_url()
    return [visit.stop.venue, visit.entry]


def exhibition_tour(page, request, context):
    """An exhibition's tour (`tour`): the highlighted stop (now or next on view), its status,
    all public stops."""
    stops = list(public_stops().filter(exhibition=page))
    stop = current_or_next(stops)
    context["tour"] = {"stop": stop, "status": stop_status(stop) if stop else "", "all": stops}
    return [s.venue for s in stops]


def picture(image, kind, attrs, request):
    """The <picture> of `image` from the renditions that exist (visitor.pictures)."""
    return picture_html(image, kind, attrs, request=request)
