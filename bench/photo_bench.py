"""Photographs benchmark (issue 12): upload to available, worker speed and memory, bytes.

    .venv/bin/python bench/photo_bench.py          # works in /tmp/leporello-photo-bench/

Own SQLite database and media folder (never the checkout's). Makes a 24 MP JPEG (a demo
photograph with camera EXIF) and a 96 MP TIFF (12,000 × 8,000, 8-bit RGB, Deflate-compressed as a
lab's scanner writes it), uploads each through the admin's add-image form, then runs the
renditions worker (`db_worker --backend renditions`) task by task, each in a fresh process so its
peak memory (ru_maxrss) is its own:

- upload: the admin request, until its response (renditions only queued)
- first JPEGs: the high-priority task (the page shows the photograph from then on)
- all renditions: the other 14 (WebP, zoom JPEG, AVIF); renditions per second
- tiles: the deep-zoom pyramid

then prints the AVIF/WebP/JPEG bytes of the tablet widths and the bytes of a work page's first
view (HTML, CSS, JS and the rendition a 1024 px tablet picks; the zoom viewer loads on opening).
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("LEPORELLO_BENCH_DIR", "/tmp/leporello-photo-bench"))  # noqa: S108

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["LEPORELLO_MEDIA_ROOT"] = str(WORK / "media")
sys.path.insert(0, str(ROOT))


def setup():
    import django

    django.setup()
    # Until the pixel-limit setting drives Pillow's check (issue 12, upload step), follow it here.
    from django.conf import settings
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def prepare():
    """Database, a superuser, and the two files (kept between runs)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from PIL import Image

    from exhibition.demo_photos import demo_photograph

    call_command("migrate", "--noinput", verbosity=0)
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # what an earlier run left must not be measured
    user_model = get_user_model()
    if not user_model.objects.filter(username="bench").exists():
        user_model.objects.create_superuser("bench", "bench@example.org", "bench")
    jpeg = WORK / "photo-24mp.jpg"
    if not jpeg.exists():
        jpeg.write_bytes(demo_photograph("BENCH-24", (6000, 4000), "srgb")[0])
    # .tiff: Wagtail 8 refuses a .tif name for a TIFF (extension "tif" is not format "tiff").
    tiff = WORK / "scan-96mp.tiff"
    if not tiff.exists():
        with Image.open(jpeg) as source:
            big = source.resize((12000, 8000), Image.Resampling.BICUBIC)
            big.save(tiff, "TIFF", compression="tiff_adobe_deflate")
    return {"jpeg": str(jpeg), "tiff": str(tiff)}


def upload(path):
    """POST the file to the admin's add-image view; returns seconds and the image id."""
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from catalogue.models import CatalogueImage

    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="bench"))
    content = Path(path).read_bytes()
    title = f"bench {Path(path).name} {time.time()}"
    file = SimpleUploadedFile(Path(path).name, content)
    start = time.perf_counter()
    response = client.post(
        reverse("wagtailimages:add"), {"title": title, "file": file, "collection": 1}
    )
    seconds = time.perf_counter() - start
    if response.status_code != 302:
        raise SystemExit(f"upload refused: {response.status_code} {response.content[:500]!r}")
    image = CatalogueImage.objects.get(title=title)
    return {"seconds": round(seconds, 2), "image": image.pk, "renditions": image.renditions.count()}


def worker():
    """Run one task of the renditions queue; report seconds, peak memory and what it made."""
    from django.core.management import call_command

    from catalogue.models import CatalogueRendition

    before = CatalogueRendition.objects.count()
    start = time.perf_counter()
    call_command(
        "db_worker",
        "--backend",
        "renditions",
        "--batch",
        "--max-tasks",
        "1",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
    return {
        "seconds": round(time.perf_counter() - start, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "renditions": CatalogueRendition.objects.count() - before,
    }


def sizes(image_pk):
    """Bytes of every rendition and of the tiles of one image."""
    from django.conf import settings

    from catalogue.models import CatalogueImage

    image = CatalogueImage.objects.get(pk=image_pk)
    result = {r.filter_spec: r.file.size for r in image.renditions.all()}
    tiles = Path(settings.MEDIA_ROOT) / "iiif" / str(image_pk)
    result["tiles"] = sum(p.stat().st_size for p in tiles.rglob("*.jpg"))
    result["tile_count"] = sum(1 for _ in tiles.rglob("*.jpg"))
    return result


def first_view(image_pk):
    """Bytes a 1024 × 768 tablet loads for a work page with this image (no cache)."""
    from bs4 import BeautifulSoup
    from django.conf import settings
    from django.test import Client

    from catalogue.models import CatalogueImage, WorkPage
    from exhibition.demo import DemoBuilder

    DemoBuilder(image_size=(480, 320)).build()
    work = WorkPage.objects.get(inventory_number="BL-R-05")
    work.image = CatalogueImage.objects.get(pk=image_pk)
    work.save_revision().publish()
    html = Client(HTTP_HOST="localhost").get("/en/flusslandschaften/bl-r-05/").content
    page = BeautifulSoup(html, "html.parser")
    static_root = ROOT / "static"
    assets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assets += [s["src"] for s in page.select("script[src]")]
    asset_bytes = {
        a: (static_root / a.removeprefix(settings.STATIC_URL)).stat().st_size for a in assets
    }
    # The browser takes the first <source> it reads (AVIF) at the width `sizes` asks for.
    source = page.select_one(".work-image picture source")
    first_url = source["srcset"].split(",")[0].split()[0]
    picture = (Path(settings.MEDIA_ROOT) / first_url.removeprefix(settings.MEDIA_URL)).stat()
    viewer = ROOT / "static/vendor/openseadragon/openseadragon.min.js"
    total = len(html) + sum(asset_bytes.values()) + picture.st_size
    return {
        "html": len(html),
        "assets": asset_bytes,
        "picture": {first_url.rsplit("/", 1)[1]: picture.st_size},
        "total_kb": round(total / 1024),
        "on_opening_zoom_viewer_kb": round(viewer.stat().st_size / 1024) if viewer.exists() else 0,
    }


def run(step, *args):
    """One step in a fresh process; its JSON answer."""
    out = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, __file__, step, *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(path):
    up = run("upload", path)
    first = run("worker")
    rest = run("worker")
    tiles = run("worker")
    made = first["renditions"] + rest["renditions"]
    return {
        "upload_s": up["seconds"],
        "renditions_in_request": up["renditions"],
        "available_s (upload + first JPEGs)": round(up["seconds"] + first["seconds"], 2),
        "first_jpegs": first,
        "other_renditions": rest,
        "tiles": tiles,
        "renditions_per_s": round(made / (first["seconds"] + rest["seconds"]), 2),
        "image": up["image"],
    }


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    files = run("prepare")
    results = {}
    for kind in ("jpeg", "tiff"):
        results[kind] = measure(files[kind])
        print(kind, json.dumps(results[kind], indent=1), flush=True)
    jpeg_sizes = run("sizes", results["jpeg"]["image"])
    tablet = {
        f"{w}px": {
            fmt: round(jpeg_sizes[f"width-{w}|format-{fmt}"] / 1024)
            for fmt in ("avif", "webp", "jpeg")
        }
        for w in (1024, 1536, 2048)
    }
    print("tablet widths of the 24 MP photograph, KB:", json.dumps(tablet))
    print(
        "tiles of the 24 MP photograph:",
        jpeg_sizes["tile_count"],
        "files,",
        round(jpeg_sizes["tiles"] / 1024),
        "KB",
    )
    print("first view of a work page:", json.dumps(run("first_view", results["jpeg"]["image"])))


if __name__ == "__main__":
    if len(sys.argv) == 1:
        main()
    else:
        setup()
        step, args = sys.argv[1], sys.argv[2:]
        answer = {
            "prepare": prepare,
            "upload": upload,
            "worker": worker,
            "sizes": lambda pk: sizes(int(pk)),
            "first_view": lambda pk: first_view(int(pk)),
        }[step](*args)
        print(json.dumps(answer))
