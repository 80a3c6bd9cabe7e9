"""Catalogue PDFs made in the background stay private and do not pile up."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from exhibition.models import TourStop
from printing.models import CatalogueJob
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    return rhine_and_yangtze_tour(("BL-J-01",))


def job_with_file(days_old=0, name="old.pdf"):
    stop = TourStop.objects.get(slug="chongqing-2024")
    job = CatalogueJob.objects.create(
        exhibition=stop.exhibition, tour_stop=stop, languages="de,zh-hans", status="done"
    )
    job.file.save(name, ContentFile(b"%PDF-1.7 test"), save=True)
    CatalogueJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return job


def test_catalogue_pdfs_are_stored_outside_the_public_media_folder(client):
    job = job_with_file()
    path = Path(job.file.path)
    assert path.is_file()
    assert Path(settings.LEPORELLO_PRIVATE_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    assert client.get(f"/media/{job.file.name}").status_code == 404
    assert client.get(f"/admin/printing/jobs/{job.pk}/download/").status_code == 302  # login


def test_jobs_older_than_the_limit_are_deleted_with_their_files(settings):
    settings.LEPORELLO_CATALOGUE_JOB_DAYS = 30
    old, recent = job_with_file(days_old=31, name="old.pdf"), job_with_file(days_old=2)
    old_path, recent_path = Path(old.file.path), Path(recent.file.path)
    assert CatalogueJob.objects.prune() == 1
    assert list(CatalogueJob.objects.all()) == [recent]
    assert not old_path.exists() and recent_path.exists()


def test_command_prunes_and_dry_run_deletes_nothing(capsys):
    job = job_with_file(days_old=10)
    call_command("prune_catalogue_jobs", "--days", "7", "--dry-run")
    assert "1 catalogue jobs" in capsys.readouterr().out
    assert CatalogueJob.objects.filter(pk=job.pk).exists()
    call_command("prune_catalogue_jobs", "--days", "7")
    assert "Deleted 1" in capsys.readouterr().out
    assert not CatalogueJob.objects.exists()


def test_the_worker_prunes_after_each_catalogue(client_for, curator, settings):
    settings.LEPORELLO_CATALOGUE_JOB_DAYS = 30
    old = job_with_file(days_old=45)
    old_path = Path(old.file.path)
    from printing.tasks import render_catalogue_job

    stop = TourStop.objects.get(slug="chongqing-2024")
    new = CatalogueJob.objects.create(
        exhibition=stop.exhibition,
        tour_stop=stop,
        languages="zh-hans,de",
        allow_low_resolution=True,
    )
    render_catalogue_job.call(new.pk)
    assert list(CatalogueJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not old_path.exists()
    assert client_for(curator).get("/admin/printing/").status_code == 200
