import shutil

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections
from django.utils import translation

from exhibition.demo import DemoBuilder

# Small placeholders keep the shared demo fast; the load_demo test checks the real size.
TEST_IMAGE_SIZE = (480, 320)
DEMO_MODULES = pytest.StashKey[set]()
DEMO_STATE = pytest.StashKey[object]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The migrated database, empty of content: tests build what they need with tests.factories.

    Media and private files written by any test are removed at the end of the run.
    """
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.LEPORELLO_PRIVATE_ROOT, ignore_errors=True)


class _DemoState:
    """The demo exhibition, committed once per test process and removed again when needed.

    Committed rather than held in a transaction, because the browser tests' live server reads it
    from another database connection. Tests that use it roll back their own changes as usual.
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.baseline = None  # {alias: serialized rows} from before the build
        self.built = False

    def build(self):
        with self.blocker.unblock():
            self.baseline = {
                alias: connections[alias].creation.serialize_db_to_string() for alias in connections
            }
            DemoBuilder(image_size=TEST_IMAGE_SIZE).build()
        self.built = True

    def remove(self):
        """Back to the database as migrations left it, the way Django's serialized_rollback does."""
        with self.blocker.unblock():
            for alias, data in self.baseline.items():
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    database=alias,
                    allow_cascade=True,
                    inhibit_post_migrate=True,
                )
                connections[alias].creation.deserialize_db_from_string(data)
                # flush reset PostgreSQL's sequences to 1 while the rows above keep their ids:
                # move each sequence past its table's largest id, as loaddata does.
                connection = connections[alias]
                statements = connection.ops.sequence_reset_sql(
                    no_style(), apps.get_models(include_auto_created=True)
                )
                with connection.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
        self.built = False


@pytest.fixture(scope="session")
def _demo_state(request, django_db_setup, django_db_blocker):
    state = _DemoState(django_db_blocker)
    request.config.stash[DEMO_STATE] = state
    return state


@pytest.fixture(autouse=True, scope="module")
def _demo_only_where_asked(request):
    """Builds the demo before a module that asks for it, removes it before one that does not.

    Module scope, so that it runs before each test's own transaction opens. Modules that use the
    demo run last (pytest_collection_modifyitems below), so a test process builds it once; in any
    other order tests are still right, only slower.
    """
    wants = request.node.nodeid in request.config.stash.get(DEMO_MODULES, set())
    state = request.config.stash.get(DEMO_STATE, None)
    if wants:
        state = request.getfixturevalue("_demo_state")
        if not state.built:
            state.build()
    elif state is not None and state.built:
        state.remove()


@pytest.fixture
def demo(_demo_state):
    """The whole demo exhibition (exhibition.demo), for tests of the demo and end-to-end crawls.

    Everything else builds its own small tree with tests.factories. A module asks for it with
    `pytestmark = pytest.mark.usefixtures("demo")` and then uses it in every test: the demo is
    built or removed per module, so a module's tests either all see it or none does.
    """
    assert _demo_state.built, "the demo is built per module: use it in the whole module"
    return _demo_state


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Each module's tests run together, and the modules that use the demo after all others.

    So a test process builds the demo once and never removes it, and a module's own fixtures
    (module scope) are built once. pytest-django sorts tests by kind of database use (its own hook
    of this name); the modules are put together again after it, keeping its order within each.

    With pytest-xdist (`--dist loadgroup`, as `make test` runs it) each module is a group of its
    own, so its tests stay in one process; xdist hands the groups out in this order, so each
    process builds the demo at most once, when its first demo module comes. The groups are marked
    before xdist's own hook reads them.
    """
    demo_modules = {item.nodeid.split("::")[0] for item in items if "demo" in item.fixturenames}
    config.stash[DEMO_MODULES] = demo_modules
    for item in items:
        item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    result = yield
    first_seen = {}
    for item in items:
        first_seen.setdefault(item.nodeid.split("::")[0], len(first_seen))

    def place(item):
        module = item.nodeid.split("::")[0]
        return (module in demo_modules, first_seen[module])

    items.sort(key=place)
    return result


@pytest.fixture
def make_user(db):
    def make(username, group=None, superuser=False):
        user = get_user_model().objects.create_user(
            username=username, password="pw", is_staff=True, is_superuser=superuser
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def curator(make_user):
    return make_user("cura", "Curator")


@pytest.fixture
def translator(make_user):
    return make_user("trans", "Translator")


@pytest.fixture
def registrar(make_user):
    return make_user("regi", "Registrar")


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def fresh_page_cache_and_language():
    """Each test starts with an empty page cache (its pages were built from rolled-back data) and
    in German: a request to /zh-hans/… leaves Chinese active in the thread."""
    from django.core.cache import cache

    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
