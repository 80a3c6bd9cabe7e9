"""Listings in pages of LEPORELLO_PAGE_SIZE works: `?page=N` beside the listing's other parameters.

A page costs what it shows: the stop catalogue, the exhibition page and search read and draw one
page of works, and link to the next with an ordinary link (rel="next") that keeps the query, so it
works without JavaScript and on the kiosk (where the keypad opens any label directly).
"""

from django.conf import settings
from django.core.paginator import Paginator


class NoSuchPage(Exception):
    """`?page=` is not a number or beyond the last page; the view answers with the first page."""


def page_number(request):
    """The page asked for (1 when there is no `?page=`); NoSuchPage for anything else."""
    raw = request.GET.get("page")
    if raw is None:
        return 1
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or int(raw) < 1:
        raise NoSuchPage(raw)
    return int(raw)


def paginate(request, items, per_page=None):
    """The page of `items` (a list, QuerySet or search results) that `?page=` asks for.

    Returns a Django Page whose `more_url` is the address of the next page ('' on the last) and
    `total` the number of items; raises NoSuchPage for a page that does not exist (`?page=1` is
    not accepted either: the first page has one address, without the parameter)."""
    number = page_number(request)
    if request.GET.get("page") == "1":
        raise NoSuchPage("1")
    paginator = Paginator(items, per_page or settings.LEPORELLO_PAGE_SIZE)
    if number > paginator.num_pages:
        raise NoSuchPage(number)
    page = paginator.page(number)
    page.total = paginator.count
    page.more_url = page_url(request, page.next_page_number()) if page.has_next() else ""
    page.previous_url = (
        page_url(request, page.previous_page_number()) if page.has_previous() else ""
    )
    return page


def page_url(request, number):
    """The listing's address for page `number`, keeping the other parameters of the query."""
    query = request.GET.copy()
    query.pop("page", None)
    if number > 1:
        query["page"] = number
    return f"{request.path}?{query.urlencode()}" if query else request.path


def first_page_url(request):
    """The listing's address without `?page=` (where NoSuchPage sends the visitor)."""
    return page_url(request, 1)
