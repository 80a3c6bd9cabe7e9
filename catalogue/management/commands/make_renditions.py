"""Make (or queue) every visitor rendition and the deep-zoom tiles of every image that lacks them
(after changing the specs, or for images stored before they were made on upload). Existing
renditions and tiles are kept."""

from django.core.management.base import BaseCommand

from catalogue.models import CatalogueImage
from catalogue.renditions import (
    FIRST_PRIORITY,
    FIRST_SPECS,
    ORDER,
    REST_PRIORITY,
    TILES_PRIORITY,
    make_renditions_task,
)
from catalogue.tiles import make_tiles, make_tiles_task


class Command(BaseCommand):
    help = (
        "Make the renditions visitors' pages use and the deep-zoom tiles for every image that "
        "lacks them; with --queue, leave the work to `db_worker --backend renditions`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue background tasks instead of waiting (first JPEGs of all images first).",
        )
        parser.add_argument("--no-tiles", action="store_true", help="Renditions only.")

    def handle(self, *args, queue=False, no_tiles=False, **options):
        specs = set(ORDER)
        todo = []
        images = CatalogueImage.objects.prefetch_related("renditions").select_related("deep_zoom")
        for image in images.order_by("pk"):
            missing = specs - {r.filter_spec for r in image.renditions.all()}
            zoom = getattr(image, "deep_zoom", None)
            tiles = not no_tiles and (zoom is None or zoom.source_hash != (image.file_hash or ""))
            if missing or tiles:
                todo.append((image, [s for s in ORDER if s in missing], tiles))
        if queue:
            self._queue(todo)
            return
        made, failed = 0, []
        for image, missing, tiles in todo:
            try:
                for spec in missing:  # one at a time, in the worker's order (memory, see tasks)
                    image.get_rendition(spec)
                    made += 1
                if tiles:
                    make_tiles(image)
            except Exception as error:  # one unreadable image must not stop the others
                failed.append(image)
                self.stderr.write(
                    f"{image.title} (id {image.pk}): {type(error).__name__}: {error}. "
                    "Replace its file in the admin (Images); pages show a stand-in meanwhile."
                )
                continue
            self.stdout.write(
                f"{image.title}: {len(missing)} renditions{', tiles' if tiles else ''}"
            )
        self.stdout.write(self.style.SUCCESS(f"{made} renditions made."))
        if failed:
            self.stderr.write(self.style.WARNING(f"{len(failed)} images could not be rendered."))

    def _queue(self, todo):
        for image, missing, _tiles in todo:
            first = [s for s in missing if s in FIRST_SPECS]
            if first:
                make_renditions_task.using(priority=FIRST_PRIORITY).enqueue(image.pk, first)
        for image, missing, tiles in todo:
            if set(missing) - set(FIRST_SPECS):
                make_renditions_task.using(priority=REST_PRIORITY).enqueue(image.pk, missing)
            if tiles:
                make_tiles_task.using(priority=TILES_PRIORITY).enqueue(image.pk)
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued renditions of {sum(1 for _i, m, _t in todo if m)} images and tiles of "
                f"{sum(1 for *_x, t in todo if t)}; `manage.py db_worker --backend renditions` "
                "makes them (`make run` starts it)."
            )
        )
