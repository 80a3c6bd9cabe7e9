"""The API under the production middleware (WhiteNoise, CSP, security headers) in their order."""

import json

import pytest
from django.test import override_settings

from tests.factories.trees import exhibition_with_works
from tests.test_production import production

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def production_middleware():
    process = production(
        "import json; from django.conf import settings as s; print(json.dumps(s.MIDDLEWARE))"
    )
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


@pytest.fixture
def works(db):
    return exhibition_with_works(3).works


def test_json_answers_with_production_middleware(client, production_middleware, works):
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in production_middleware
    with override_settings(MIDDLEWARE=production_middleware, SECURE_SSL_REDIRECT=False):
        response = client.get(
            "/api/v1/works?lang=zh-hans&limit=3", headers={"origin": "https://example.org"}
        )
        assert response.status_code == 200
        assert len(response.json()["results"]) == 3
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        again = client.get(
            "/api/v1/works?lang=zh-hans&limit=3", headers={"if-none-match": response["ETag"]}
        )
        assert again.status_code == 304
        # The anonymous page cache leaves the API alone (it would mark its answers).
        assert "X-Leporello-Cache" not in response
