"""Small trees of test data built with factory_boy, one module per app.

Values come from sequences, never from Faker at import time, so every object is unique within a
run and a failing test names the same object every time. `trees.exhibition_with_works()` builds
the usual published exhibition with a tour stop, `trees.rhine_and_yangtze_tour()` the demo's
names and dates in miniature; tests that need a particular title or inventory number pass it to
the factory. `module_data` builds a module's tree once (setUpTestData). The whole demo is only
for tests of the demo and end-to-end crawls: `pytest.mark.usefixtures("demo")` (tests/conftest.py).
"""

import pytest
from django.db import connections, transaction


def module_data(build):
    """A module-scoped fixture named like `build`: its objects are built once per test module in
    a transaction rolled back after the module's last test, as Django's TestCase.setUpTestData.

    Each test still runs in its own transaction inside it (pytest-django), so what a test changes
    is undone before the next one. Objects returned are shared between tests: read again from the
    database what a test changes.
    """

    @pytest.fixture(scope="module", name=build.__name__)
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomics = [transaction.atomic(using=alias) for alias in connections]
            for atomic in atomics:
                atomic.__enter__()
            try:
                data = build()
            except BaseException:
                _roll_back(atomics)
                raise
        yield data
        with django_db_blocker.unblock():
            _roll_back(atomics)

    fixture.__doc__ = build.__doc__
    return fixture


def _roll_back(atomics):
    for atomic, alias in zip(reversed(atomics), reversed(list(connections)), strict=True):
        transaction.set_rollback(True, using=alias)
        atomic.__exit__(None, None, None)
