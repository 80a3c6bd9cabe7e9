"""The anonymous page cache in production: one purge from any process, keys that ignore junk query
parameters, validators (ETag/Last-Modified, 304) for tablets and CDNs (issue 11)."""

import datetime
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.utils import timezone

from catalogue.models import TranslationStatus, WorkPage
from catalogue.renditions import make_renditions_task
from catalogue.translation_status import sync_status
from exhibition.actions import CloseLeg
from exhibition.models import ChecklistEntry, TransitLeg
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.logistics import duesseldorf_to_chongqing
from tests.factories.trees import pair_rivers, rhine_and_yangtze_tour

WORK = "/en/flusslandschaften/bl-r-05/"
STOP = "/en/stops/duesseldorf-2024/"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """BL-R-05 between its neighbours and with its counterpart, at both stops, on one shared
    picture with its renditions (a work page as large as the demo's, for the compression test),
    and the leg `dus-ckg-2024` between the stops."""
    image = ImageFactory()
    make_renditions_task.call(image.pk)
    tour = rhine_and_yangtze_tour(("BL-R-04", "BL-R-05", "BL-R-06", "BL-J-05"), image=image)
    pair_rivers(tour)
    duesseldorf_to_chongqing(tour)
    return tour


REDIS_URL = os.environ.get("LEPORELLO_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def cached_entries():
    return [k for k in cache._cache if ":leporello:page:" in k]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_junk_query_parameters_neither_add_entries_nor_miss(client):
    assert client.get(WORK)["X-Leporello-Cache"] == "miss"
    entries = cached_entries()
    for n in range(20):
        response = client.get(WORK, {"x": n, "utm_source": "qr"})
        assert response["X-Leporello-Cache"] == "hit"
    assert cached_entries() == entries
    # The page is made as without them: no junk in its links (the language switcher).
    cache.clear()
    page = client.get(WORK + "?x=%22junk%22").content.decode()
    assert "junk" not in page
    assert client.get(WORK)["X-Leporello-Cache"] == "hit"


def test_an_unknown_section_redirects_to_the_one_catalogue_address(client):
    response = client.get(STOP, {"section": "no-such-section"})
    assert response.status_code == 302 and response["Location"] == STOP
    assert cached_entries() == []
    assert client.get(STOP, {"section": "rhein"})["X-Leporello-Cache"] == "miss"
    assert client.get(STOP, {"section": "rhein"})["X-Leporello-Cache"] == "hit"
    assert client.get(STOP)["X-Leporello-Cache"] == "miss"  # the filter is part of the key


def test_search_and_keypad_answers_are_not_stored(client):
    for q in ("rhein", "koblenz", "长江"):
        assert client.get("/en/search/", {"q": q}).status_code == 200
    assert cached_entries() == []


def test_public_pages_can_be_revalidated_with_etag_and_last_modified(client):
    first = client.get(WORK)
    assert first["Cache-Control"] == f"public, max-age={settings.LEPORELLO_PAGE_MAX_AGE}"
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    again = client.get(WORK, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(WORK, headers={"if-modified-since": modified}).status_code == 304
    assert client.get(WORK, headers={"if-none-match": '"other"'}).status_code == 200
    # The miss answers a conditional request too (a tablet revalidating after a purge).
    cache.clear()
    assert client.get(WORK, headers={"if-none-match": etag}).status_code == 304


def test_scheduled_publishing_from_cron_purges_the_pages(
    client, django_capture_on_commit_callbacks
):
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    work.title_en = "The Rhine at Koblenz, Scheduled"
    revision = work.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    client.get(WORK)
    assert client.get(WORK)["X-Leporello-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    response = client.get(WORK)
    assert response["X-Leporello-Cache"] == "miss"
    assert "Scheduled" in response.content.decode()


def test_a_translation_status_made_in_bulk_purges_the_pages(
    client, django_capture_on_commit_callbacks
):
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    TranslationStatus.objects.filter(object_id=work.pk, field="caption").delete()
    client.get("/zh-hans/flusslandschaften/bl-r-05/")
    assert client.get("/zh-hans/flusslandschaften/bl-r-05/")["X-Leporello-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        sync_status(work, explicit={("caption", "zh-hans"): TranslationStatus.Status.DRAFT})
    assert client.get("/zh-hans/flusslandschaften/bl-r-05/")["X-Leporello-Cache"] == "miss"


def test_closing_a_transit_leg_purges_the_pages(
    client, registrar, django_capture_on_commit_callbacks
):
    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    TransitLeg.objects.filter(pk=leg.pk).update(status="under_way")
    leg.refresh_from_db()
    ChecklistEntry.objects.filter(tour_stop__slug="chongqing-2024").update(status="planned")
    url = "/en/stops/chongqing-2024/"
    client.get(url)
    assert client.get(url)["X-Leporello-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        CloseLeg(leg, registrar, allow_missing_check_in=True).execute()
    assert client.get(url)["X-Leporello-Cache"] == "miss"


def test_no_purge_before_the_commit(client, django_capture_on_commit_callbacks):
    """A request made between the save and the commit must not cache the old page as new."""
    client.get(WORK)
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work.save_revision().publish()
        assert client.get(WORK)["X-Leporello-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert client.get(WORK)["X-Leporello-Cache"] == "miss"


@pytest.fixture
def redis_cache(settings):
    """The page cache on Redis (your test Redis DB), with a key prefix of its own."""
    prefix = f"leporello-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        caches["default"].get("ping")
    except Exception as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    yield prefix
    client = caches["default"]._cache.get_client(write=True)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_purge_in_another_process_reaches_this_one(client, redis_cache):
    """`import_translations` in a shell, `publish_scheduled` from cron: another process."""
    client.get(WORK)
    assert client.get(WORK)["X-Leporello-Cache"] == "hit"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "another-process",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": REDIS_URL,
        "LEPORELLO_CACHE_PREFIX": redis_cache,
    }
    code = (
        "import django; django.setup(); "
        "from catalogue.signals import announce_public_change; announce_public_change()"
    )
    subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, check=True, timeout=60
    )
    assert client.get(WORK)["X-Leporello-Cache"] == "miss"


def test_a_forged_session_cookie_gets_the_cached_page(client):
    """Any value in a `sessionid` cookie used to skip the cache: an easy way to load the server."""
    assert client.get(WORK)["X-Leporello-Cache"] == "miss"
    for forged in ("x", "0" * 32, "a" * 300, "<script>"):
        client.cookies[settings.SESSION_COOKIE_NAME] = forged
        assert client.get(WORK)["X-Leporello-Cache"] == "hit", forged


def test_a_logged_out_session_gets_the_cached_page(client, curator):
    client.force_login(curator)
    assert "X-Leporello-Cache" not in client.get(WORK)
    session_key = client.session.session_key
    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key  # the old, now deleted session
    client.get(WORK)
    assert client.get(WORK)["X-Leporello-Cache"] == "hit"


def test_an_editors_page_is_private_for_shared_caches(client, curator):
    client.force_login(curator)
    response = client.get(WORK)
    assert "X-Leporello-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_after_a_publish_one_request_remakes_a_page_while_the_others_get_the_old_one(
    client, django_capture_on_commit_callbacks
):
    from visitor.cache import REFRESH_LOCK, cache_key, generation

    old = client.get(WORK)
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    work.title_en = "The Rhine at Koblenz, Republished"
    with django_capture_on_commit_callbacks(execute=True):
        work.save_revision().publish()
    # Another tablet's request is making the page right now (it holds the refresh).
    request = client.get(WORK).wsgi_request  # (this one takes the refresh and remakes it)
    assert "Republished" in client.get(WORK).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        work.save_revision().publish()
    key = cache_key(request, request.GET)
    cache.add(REFRESH_LOCK.format(key=key, generation=generation()), 1, 10)
    stale = client.get(WORK)
    assert stale["X-Leporello-Cache"] == "stale"
    assert "Republished" in stale.content.decode() and old.content != stale.content
    assert client.get(WORK, headers={"if-none-match": stale["ETag"]}).status_code == 304
    # Unpublished meanwhile: the stale copy is gone with the first fresh answer.
    cache.delete(REFRESH_LOCK.format(key=key, generation=generation()))
    work.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        work.unpublish()
    assert client.get(WORK).status_code == 404
    cache.add(REFRESH_LOCK.format(key=key, generation=generation()), 1, 10)
    assert client.get(WORK).status_code == 404


def test_pages_are_compressed_for_clients_that_accept_it_and_still_revalidate(client):
    import gzip

    plain = client.get(WORK)
    assert "Content-Encoding" not in plain
    packed = client.get(WORK, headers={"accept-encoding": "gzip, br"})
    assert packed["X-Leporello-Cache"] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    again = client.get(WORK, headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]})
    assert again.status_code == 304


def test_answers_with_a_csrf_token_are_not_compressed(client):
    """BREACH: the login form carries a CSRF token beside text an attacker may choose."""
    response = client.get("/admin/login/?next=/admin/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response
