"""Renditions and zoom tiles are made by the background worker, never in the upload or page request;
pages show the best picture that exists meanwhile and are not cached while they do."""

import io
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage

from catalogue.models import CatalogueImage, CatalogueRendition, DeepZoom, WorkPage
from catalogue.renditions import FIRST_SPECS, ORDER, SPECS, all_specs, make_renditions_task
from tests.factories import module_data
from tests.factories.trees import rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """Three works, each with its own picture and every rendition made (as the demo's are)."""
    tour = rhine_and_yangtze_tour(("BL-R-05", "BL-R-06", "BL-R-07"))
    for work in tour.works.values():
        make_renditions_task.call(work.image_id)
    return tour


QUEUED = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "renditions": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


@pytest.fixture
def queued(settings):
    """Renditions go to the database queue, as in production (tests otherwise run them at once)."""
    settings.TASKS = QUEUED
    return settings


def jpeg(size=(1600, 1000), colour=(180, 60, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def run_worker(max_tasks=None):
    """What `db_worker --backend renditions` does, in this process and transaction. The worker
    closes connections that are in a transaction between tasks (right for a real worker): here
    that would be the test's own transaction, which PostgreSQL cannot get back."""
    args = ["--backend", "renditions", "--batch", "--no-startup-delay", "--no-reload"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", *args, verbosity=0)


def visitor_renditions(image):
    return set(
        CatalogueRendition.objects.filter(image=image, filter_spec__in=all_specs()).values_list(
            "filter_spec", flat=True
        )
    )


def test_an_admin_upload_queues_renditions_and_tiles_and_makes_none(
    queued, client_for, curator, django_capture_on_commit_callbacks
):
    client = client_for(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailimages:add"),
            {"title": "Rhein", "file": SimpleUploadedFile("rhein.jpg", jpeg()), "collection": 1},
        )
    assert response.status_code == 302
    image = CatalogueImage.objects.get(title="Rhein")
    assert visitor_renditions(image) == set()
    assert not DeepZoom.objects.filter(image=image).exists()
    tasks = DBTaskResult.objects.filter(backend_name="renditions", args_kwargs__args__0=image.pk)
    assert sorted(tasks.values_list("task_path", flat=True)) == [
        "catalogue.renditions.make_renditions_task",
        "catalogue.renditions.make_renditions_task",
        "catalogue.tiles.make_tiles_task",
    ]
    # The first JPEGs of every image come before the other renditions, tiles last.
    ordered = list(DBTaskResult.objects.ready().order_by("-priority", "enqueued_at"))
    mine = [t for t in ordered if t.args_kwargs["args"][0] == image.pk]
    assert mine[0].args_kwargs["args"][1] == list(FIRST_SPECS)
    assert mine[-1].task_path.endswith("make_tiles_task")

    run_worker()
    assert visitor_renditions(image) == set(all_specs())
    assert DeepZoom.objects.get(image=image).width == 1600


def test_a_work_page_shows_a_stand_in_then_the_first_jpeg_then_every_format(
    queued, client, django_capture_on_commit_callbacks
):
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    with django_capture_on_commit_callbacks(execute=True):
        image = CatalogueImage(title="Neu", alt_text_en="The new photograph of the Rhine")
        image.file = SimpleUploadedFile("neu.jpg", jpeg((1800, 1200)))
        image._set_image_file_metadata()
        image.save()
        work.image = image
        work.save_revision().publish()
    url = "/en/flusslandschaften/bl-r-05/"

    def picture():
        response = client.get(url)
        assert response.status_code == 200
        return response, BeautifulSoup(response.content, "html.parser")

    before = CatalogueRendition.objects.count()
    response, page = picture()
    img = page.select_one(".work-image picture img")
    assert img["src"].endswith("photo-pending.svg")
    assert img["alt"] == "The new photograph of the Rhine"
    assert (img["width"], img["height"]) == ("1800", "1200")  # no layout shift when it arrives
    assert page.select_one(".zoom-link") is None  # nothing to enlarge yet
    assert response["X-Leporello-Cache"] == "miss"
    assert CatalogueRendition.objects.count() == before  # the request made no rendition

    with django_capture_on_commit_callbacks(execute=True):  # pages are purged on commit
        run_worker(max_tasks=1)  # the high-priority task: the first JPEGs
    response, page = picture()
    assert response["X-Leporello-Cache"] == "miss"  # the worker's signal purged the stand-in
    img = page.select_one(".work-image picture img")
    assert "width-1024.format-jpeg" in img["src"] or ".width-1024." in img["src"]
    assert page.select(".work-image picture source") == []  # JPEG only, so far
    assert page.select_one(".zoom-link")["data-zoom-iiif"] == ""

    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    response, page = picture()
    types = [s["type"] for s in page.select(".work-image picture source")]
    assert types == ["image/avif", "image/webp"]
    link = page.select_one(".zoom-link")
    assert link["data-zoom-iiif"].endswith(f"/iiif/{image.pk}/info.json")
    assert "width-2732" in link["data-zoom"]
    assert response["X-Leporello-Cache"] == "miss"
    assert client.get(url)["X-Leporello-Cache"] == "hit"


def test_a_page_with_stand_ins_is_cached_only_briefly(client, settings):
    from unittest import mock

    from django.core.cache import cache

    from visitor.cache import PENDING_PAGE_SECONDS

    work = WorkPage.objects.get(inventory_number="BL-R-05")
    work.image.renditions.filter(filter_spec__contains="avif").delete()  # still being made
    with mock.patch.object(cache, "set", wraps=cache.set) as spy:
        client.get("/en/flusslandschaften/bl-r-05/")
        client.get("/en/flusslandschaften/bl-r-06/")
    page_timeouts = [
        c.args[2] for c in spy.call_args_list if c.args[0].startswith("leporello:page")
    ]
    assert page_timeouts == [PENDING_PAGE_SECONDS, settings.LEPORELLO_PAGE_CACHE_SECONDS]


def test_thumbnails_fall_back_to_the_first_main_jpeg(queued, django_capture_on_commit_callbacks):
    from visitor.pictures import picture_html

    with django_capture_on_commit_callbacks(execute=True):
        image = CatalogueImage(title="Daumen")
        image.file = SimpleUploadedFile("d.jpg", jpeg((900, 600)))
        image._set_image_file_metadata()
        image.save()
    image.get_rendition(FIRST_SPECS[0])
    html = BeautifulSoup(str(picture_html(image, "thumb", {"alt": ""})), "html.parser")
    assert ".width-1024." in html.img["src"] or "width-1024" in html.img["src"]


def test_make_renditions_queue_puts_every_first_jpeg_before_any_other_rendition(queued):
    images = list(CatalogueImage.objects.order_by("pk")[:3])
    for image in images:
        image.renditions.all().delete()
    DeepZoom.objects.filter(image__in=images).delete()
    call_command("make_renditions", "--queue", stdout=io.StringIO())
    ordered = [
        (t.task_path.rsplit(".", 1)[1], t.args_kwargs["args"])
        for t in DBTaskResult.objects.ready().order_by("-priority", "enqueued_at")
    ]
    firsts = [i for i, (_path, args) in enumerate(ordered) if args[1:] == [list(FIRST_SPECS)]]
    others = [i for i, (path, args) in enumerate(ordered) if args[1:] != [list(FIRST_SPECS)]]
    assert {ordered[i][1][0] for i in firsts} >= {image.pk for image in images}
    assert max(firsts) < min(others)
    assert ordered[-1][0] == "make_tiles_task"
    assert visitor_renditions(images[0]) == set()  # nothing made by the command itself


def test_worker_order_puts_jpeg_first_and_avif_last():
    assert ORDER[: len(FIRST_SPECS)] == list(FIRST_SPECS)
    assert all("avif" in s for s in ORDER[-len(SPECS["main"]) // 3 :])
    assert set(ORDER) == set(all_specs())
