"""Schemathesis fuzzes every operation of /api/v1/openapi.json against the app in this process
(WSGI, the test database): valid and invalid parameters, every answer must match the document
(status, content type, headers, body schema), invalid input must be refused, and nothing may
answer 500. Bounded and repeatable: a fixed number of examples per operation, derandomized."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from catalogue.renditions import make_renditions_task
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import rhine_and_yangtze_tour

EXAMPLES_PER_OPERATION = 30  # 8 operations, valid and invalid data: a few hundred requests


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Three works at two stops, sharing one picture with its renditions (the API links them)."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    return rhine_and_yangtze_tour(("BL-R-01", "BL-R-02", "BL-J-01"), image=image)


# Loaded while the tests are collected: the document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.LEPORELLO_API_THROTTLE_RATE = ""  # the fuzzer asks faster than any client may


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """Django closes the database connection when a WSGI request ends outside a transaction's
    autocommit (on PostgreSQL: the test's transaction, and with it the module's data); Django's
    own test client disconnects that handler the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_matches_the_openapi_document(case):
    case.call_and_validate()
