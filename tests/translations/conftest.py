import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the catalogues translate them into German and Chinese)."""
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client_for):
    def login(user):
        client = client_for(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return login


@pytest.fixture
def importer(make_user):
    return make_user("importer", "Curator")
