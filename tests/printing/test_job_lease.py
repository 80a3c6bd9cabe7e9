"""Catalogue jobs whose worker died (kill -9) or was shut down (SIGTERM) end as retried or failed,
and the job page says which instead of reloading for ever (issue 11)."""

import datetime
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task_backends

from config.heartbeat import beat
from exhibition.models import TourStop
from printing.lease import JobLease
from printing.models import CatalogueJob
from printing.recovery import recover_lost_jobs
from printing.tasks import render_catalogue_job
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The tour stop `chongqing-2024` with one work: jobs are queued, never laid out here."""
    return rhine_and_yangtze_tour(("BL-J-01",))


DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
}


@pytest.fixture
def queue(settings):
    """The printing backend records what is queued instead of running it."""
    settings.TASKS = DUMMY_TASKS
    backend = task_backends["printing"]
    backend.clear()
    yield backend.results
    backend.clear()


@pytest.fixture(autouse=True)
def no_worker_seen():
    cache.clear()
    yield
    cache.clear()


def running_job(seconds_since_sign_of_life, attempts=1):
    stop = TourStop.objects.get(slug="chongqing-2024")
    job = CatalogueJob.objects.create(exhibition=stop.exhibition, tour_stop=stop, languages="de")
    CatalogueJob.objects.filter(pk=job.pk).update(
        status=CatalogueJob.Status.RUNNING,
        progress=80,
        attempts=attempts,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds_since_sign_of_life),
    )
    return job


def test_a_job_whose_worker_was_killed_is_queued_once_more(
    queue, settings, django_capture_on_commit_callbacks
):
    settings.LEPORELLO_JOB_LEASE_SECONDS = 60
    alive = running_job(seconds_since_sign_of_life=20)
    lost = running_job(seconds_since_sign_of_life=120)
    with django_capture_on_commit_callbacks(execute=True):
        assert recover_lost_jobs() == [(lost.pk, "retried")]
    lost.refresh_from_db()
    assert (lost.status, lost.interruption, lost.progress) == ("queued", "lost", 0)
    assert [r.args for r in queue] == [[lost.pk]]
    alive.refresh_from_db()
    assert alive.status == "running"


def test_a_job_that_loses_its_worker_twice_fails_with_a_message(
    queue, client_for, curator, django_capture_on_commit_callbacks
):
    job = running_job(seconds_since_sign_of_life=600, attempts=CatalogueJob.MAX_ATTEMPTS)
    beat("w1")  # a worker is alive: without the recovery the page would reload for ever
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(curator).get(f"/admin/printing/jobs/{job.pk}/")
    job.refresh_from_db()
    assert (job.status, job.interruption) == ("failed", "lost")
    assert job.finished_at is not None and queue == []
    html = page.content.decode()
    assert 'http-equiv="refresh"' not in html
    assert 'data-interruption="lost-failed"' in html
    assert "nicht erneut gestartet" in html or "not started once more" in html


def test_the_job_page_of_a_lost_job_says_it_was_retried_and_keeps_reloading(
    queue, client_for, curator, django_capture_on_commit_callbacks
):
    job = running_job(seconds_since_sign_of_life=600, attempts=1)
    beat("w1")
    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(curator).get(f"/admin/printing/jobs/{job.pk}/")
    html = page.content.decode()
    assert 'data-interruption="lost-queued"' in html
    assert 'http-equiv="refresh"' in html
    assert [r.args for r in queue] == [[job.pk]]


def test_without_a_worker_the_job_page_stops_reloading_and_says_so(client_for, curator):
    stop = TourStop.objects.get(slug="chongqing-2024")
    job = CatalogueJob.objects.create(exhibition=stop.exhibition, tour_stop=stop, languages="de")
    client = client_for(curator)
    html = client.get(f"/admin/printing/jobs/{job.pk}/").content.decode()
    assert "data-worker-missing" in html and 'http-equiv="refresh"' not in html
    beat("w1")
    html = client.get(f"/admin/printing/jobs/{job.pk}/").content.decode()
    assert "data-worker-missing" not in html and 'http-equiv="refresh"' in html


def test_a_worker_shut_down_during_the_job_hands_it_back(queue, django_capture_on_commit_callbacks):
    """django-tasks-db's worker stops at once on a second SIGTERM/SIGINT by raising SystemExit
    inside the running task."""
    stop = TourStop.objects.get(slug="chongqing-2024")
    job = CatalogueJob.objects.create(exhibition=stop.exhibition, tour_stop=stop, languages="de")
    with (
        mock.patch("printing.tasks.make_printed_catalogue", side_effect=SystemExit(1)),
        # hand_back drops a connection left in a transaction: here, the test's own one.
        mock.patch("printing.lease.close_old_connections", lambda: None),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(SystemExit),
    ):
        render_catalogue_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.interruption, job.attempts) == ("queued", "stopped", 0)
    assert [r.args for r in queue] == [[job.pk]]


def test_a_job_already_taken_or_finished_is_not_made_twice():
    job = running_job(seconds_since_sign_of_life=1)
    with mock.patch("printing.tasks.make_printed_catalogue") as make:
        assert render_catalogue_job.call(job.pk) is None
    make.assert_not_called()


def test_the_lease_is_renewed_while_the_job_runs():
    """WeasyPrint may lay out for minutes without reporting progress: a thread renews the lease."""
    with mock.patch("printing.lease.CatalogueJob") as model, JobLease(7, interval=0.05):
        time.sleep(0.3)
    update = model.objects.filter.return_value.update
    assert update.call_count >= 2
    assert set(update.call_args.kwargs) == {"heartbeat_at"}
