"""Hostile kiosk status reports (issue 16): a Content-Length such as "²" (isdigit, but not a
number int() reads) is refused with 400 like any other wrong length, not answered with 500."""

import json

import pytest
from django.core.cache import cache

from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-J-01",))


GOOD = {"device": "0f6c1c1e-aaaa-bbbb", "status": "complete", "works": 1, "total": 1}


@pytest.mark.parametrize("length", ["²", "١٢", "-1", "1e3"])
def test_status_report_with_odd_content_length_is_refused(client, length):
    cache.clear()
    response = client.post(
        "/kiosk/chongqing-2024/status/",
        data=json.dumps(GOOD),
        content_type="application/json",
        CONTENT_LENGTH=length,
    )
    assert response.status_code == 400
    assert b"1 KB" in response.content
