"""A live server over the test database for the browser tests (Django's LiveServerThread)."""

import contextlib
import threading

from django.db import connections
from django.test.testcases import LiveServerThread


@contextlib.contextmanager
def live_server(handler):
    """Serve the app wrapped in `handler` (e.g. StaticFilesHandler) on a free port of 127.0.0.1
    and give its base URL. Call it with the database unblocked."""
    overrides = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    for conn in overrides.values():
        conn.inc_thread_sharing()
    # The server's request threads must not keep PostgreSQL sessions open after a request,
    # or the test database cannot be dropped at the end of the run.
    conn_max_age = {alias: s.get("CONN_MAX_AGE") for alias, s in connections.settings.items()}
    for alias in conn_max_age:
        connections.settings[alias]["CONN_MAX_AGE"] = 0
    thread = LiveServerThread("127.0.0.1", handler, overrides, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    for conn in overrides.values():
        conn.dec_thread_sharing()
    for alias, value in conn_max_age.items():
        connections.settings[alias]["CONN_MAX_AGE"] = value
    close_stray_connections()


def close_stray_connections():
    """Close database connections opened in this thread under another context.

    Playwright's sync API runs the test in a greenlet with its own context variables, and Django
    keeps connections per context (asgiref.local): a connection opened there is not the one
    pytest-django closes, and an open PostgreSQL session stops it from dropping the test database.
    """
    import gc

    from django.db.backends.base.base import BaseDatabaseWrapper

    for obj in gc.get_objects():
        if (
            issubclass(type(obj), BaseDatabaseWrapper)  # type(): do not wake lazy objects
            and obj.connection is not None
            and not obj.in_atomic_block
            and obj._thread_ident == threading.get_ident()
        ):
            obj.close()
