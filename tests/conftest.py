import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from exhibition.demo import DemoBuilder

# Small placeholders keep the shared demo fast; the load_demo test checks the real size.
TEST_IMAGE_SIZE = (480, 320)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the demo exhibition, built once per run; each test rolls back."""
    with django_db_blocker.unblock():
        DemoBuilder(image_size=TEST_IMAGE_SIZE).build()
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.LEPORELLO_PRIVATE_ROOT, ignore_errors=True)


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
