"""A page says what it reads (issue 18): the page's `get_context()` (or the visitor view) reads
the database; its template only formats. A text, picture or link that a template tag fetched
itself would show up here as a query made while the page's content is drawn."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection
from django.template.loader_tags import BlockNode
from django.test.utils import CaptureQueriesContext

from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import pair_rivers, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """BL-R-01 and BL-R-05 with their counterparts, and BL-J-01 … BL-J-05 (label 105 in
    Chongqing), one shared picture."""
    numbers = ("BL-R-01", "BL-R-05", *(f"BL-J-{i:02d}" for i in range(1, 6)))
    tour = rhine_and_yangtze_tour(numbers, image=ImageFactory())
    pair_rivers(tour)
    return tour


CQ = "chongqing-2024"
DUS = "duesseldorf-2024"


@contextmanager
def queries_while_drawing_the_content():
    """The SQL of every query run while a template renders its `content` block."""
    captured = []
    render = BlockNode.render

    def counting(node, context):
        if node.name != "content":
            return render(node, context)
        with CaptureQueriesContext(connection) as queries:
            html = render(node, context)
        captured.extend(q["sql"] for q in queries.captured_queries)
        return html

    with mock.patch.object(BlockNode, "render", counting):
        yield captured


@pytest.mark.parametrize(
    "url",
    [
        "/de/flusslandschaften/bl-r-05/",  # a work page at Wagtail's address: its default stop
        "/zh-hans/flusslandschaften/bl-r-05/",  # ... with the German original beside it
        f"/en/stops/{CQ}/105/",  # a work at a tour stop
        f"/en/stops/{DUS}/1/",  # with a counterpart that hangs elsewhere
        f"/en/kiosk/{CQ}/105/",
        "/en/flusslandschaften/",  # an exhibition, its works, photographer and tour
        f"/zh-hans/stops/{CQ}/",  # a stop's catalogue
    ],
)
def test_a_page_template_reads_nothing_from_the_database(client, url):
    with queries_while_drawing_the_content() as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "<main" in response.content.decode()
    assert queries == []


def test_the_check_sees_a_query_made_by_a_template(client):
    """Were the page not to read its texts' translation statuses itself, `{% tr %}` would, while
    the content is drawn: the check above would fail."""
    with (
        mock.patch("catalogue.models.works.prefetch_statuses"),
        queries_while_drawing_the_content() as queries,
    ):
        response = client.get("/en/flusslandschaften/bl-r-05/")
    assert response.status_code == 200
    assert any("catalogue_translationstatus" in sql for sql in queries)
