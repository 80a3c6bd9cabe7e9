"""`make test` runs the suite in two pytest-xdist processes, each with its own test database."""

import copy
from pathlib import Path

from django.conf import settings
from pytest_django.fixtures import _set_suffix_to_test_databases


def test_each_test_process_gets_a_database_it_can_open(monkeypatch):
    """pytest-django names each process's database (suffix `gw0`, `gw1`); for SQLite it knows
    only Django's own backend by name, so ours (config.sqlite) must keep the test database in
    memory, or at least in a folder that exists ("unable to open database file" otherwise)."""
    monkeypatch.setattr(settings, "DATABASES", copy.deepcopy(settings.DATABASES))
    _set_suffix_to_test_databases("gw0")
    for alias, database in settings.DATABASES.items():
        if "sqlite" not in database["ENGINE"]:
            continue
        name = database.get("TEST", {}).get("NAME")
        assert name == ":memory:" or Path(name).parent.is_dir(), (alias, name)
