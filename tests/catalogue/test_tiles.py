"""Deep-zoom tiles: a valid static IIIF Image API 3 level 0 layout, made from public pixels only."""

import io
import json
import math
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageCms

from catalogue.models import CatalogueImage, DeepZoom
from catalogue.tiles import TILE_SIZE, folder, make_tiles, scale_factors, tile_layout
from tests.photo_corpus import private_exif

pytestmark = pytest.mark.django_db

PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "photos"


def stored_image(name, content):
    image = CatalogueImage(title=name)
    image.file = SimpleUploadedFile(name, content)
    image._set_image_file_metadata()
    image.save()
    return image


def tile_dir(image):
    return settings.MEDIA_ROOT / folder(image.pk)


def all_tiles(image):
    return list(tile_dir(image).rglob("*.jpg"))


def textured_jpeg(size, **save):
    """Pixels that differ across the image, so a tile from the wrong place would show."""
    image = PILImage.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 40, 30), (0, 0, size[0] // 3, size[1] // 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, **save)
    return buffer.getvalue()


def test_info_json_and_every_tile_a_client_asks_for_exist():
    image = stored_image("gross.jpg", textured_jpeg((1300, 900)))
    zoom = make_tiles(image)
    info = json.loads((tile_dir(image) / "info.json").read_text())
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["type"] == "ImageService3" and info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level0"
    assert (info["width"], info["height"]) == (1300, 900)
    assert info["id"].endswith(f"/media/iiif/{image.pk}") and info["id"].startswith("http")
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2, 4]}]
    assert zoom.info_url == f"/media/iiif/{image.pk}/info.json"

    expected = set()
    for factor in info["tiles"][0]["scaleFactors"]:
        level = (math.ceil(1300 / factor), math.ceil(900 / factor))
        for box, path in tile_layout(1300, 900, factor):
            expected.add(path)
            with PILImage.open(tile_dir(image) / path) as tile:
                assert tile.size == (box[2] - box[0], box[3] - box[1])
                assert tile.size[0] <= TILE_SIZE and tile.size[1] <= TILE_SIZE
            assert box[2] <= level[0] and box[3] <= level[1]
    assert {str(p.relative_to(tile_dir(image))) for p in all_tiles(image)} == expected
    # Canonical forms: full resolution tiles as region/size, the smallest level as one full image.
    assert "0,0,512,512/512,512/0/default.jpg" in expected
    assert "1024,512,276,388/276,388/0/default.jpg" in expected
    assert "full/325,225/0/default.jpg" in expected
    # A tile from the red corner is red, one from the right is not: pixels come from the place.
    with PILImage.open(tile_dir(image) / "0,0,512,512/512,512/0/default.jpg") as tile:
        r, g, _b = tile.convert("RGB").getpixel((20, 20))
        assert r > 150 and g < 90
    with PILImage.open(tile_dir(image) / "1024,0,276,512/276,512/0/default.jpg") as tile:
        assert tile.convert("RGB").getpixel((20, 20))[0] < 150


def test_scale_factors_go_down_to_one_tile():
    assert scale_factors(12_000, 8_000) == [1, 2, 4, 8, 16, 32]
    assert scale_factors(480, 320) == [1]
    assert list(tile_layout(480, 320, 1)) == [((0, 0, 480, 320), "full/max/0/default.jpg")]


def test_tiles_carry_no_metadata_even_from_a_file_full_of_it():
    """GPS, camera, artist, XMP and a comment in the upload: none of it in any tile."""
    exif = private_exif("SecretCam", "Model Z-9", "Private Person", "SERIAL-12345")
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>HistoryPrivate</rdf:RDF></x:xmpmeta>'
    content = textured_jpeg((1100, 700), exif=exif, xmp=xmp, comment=b"private comment")
    with PILImage.open(io.BytesIO(content)) as check:  # the upload really carries it all
        assert check.getexif().get_ifd(0x8825) and b"HistoryPrivate" in content
    image = stored_image("gps.jpg", content)
    make_tiles(image)
    tiles = all_tiles(image)
    assert tiles
    for path in tiles:
        data = path.read_bytes()
        for secret in (
            b"SecretCam",
            b"Model Z-9",
            b"Private Person",
            b"SERIAL",
            b"History",
            b"Exif",
        ):
            assert secret not in data, (path, secret)
        assert b"private comment" not in data
        with PILImage.open(path) as tile:
            assert not tile.getexif()
            assert "icc_profile" not in tile.info and "xmp" not in tile.info
            assert "comment" not in tile.info
    info = (tile_dir(image) / "info.json").read_text()
    assert "SecretCam" not in info and "50.0" not in info


def test_the_shared_gps_photograph_gives_its_position_to_no_tile():
    image = stored_image("gps.jpg", (PHOTOS / "gps-and-camera-exif.jpg").read_bytes())
    make_tiles(image)
    for path in all_tiles(image):
        data = path.read_bytes()
        assert b"ExampleCam" not in data and b"Invented Artist" not in data
        with PILImage.open(path) as tile:
            assert not tile.getexif().get_ifd(0x8825)


def test_tiles_are_upright_for_exif_orientation_6():
    image = stored_image("o6.jpg", (PHOTOS / "exif-orientation-6.jpg").read_bytes())
    zoom = make_tiles(image)
    assert (zoom.width, zoom.height) == (1200, 1600)  # 1600×1200 pixels turned a quarter


def test_adobe_rgb_is_converted_to_srgb_with_its_profile():
    content = (PHOTOS / "adobe-rgb-1998.jpg").read_bytes()
    image = stored_image("a98.jpg", content)
    make_tiles(image)
    with PILImage.open(io.BytesIO(content)) as source:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(source.info["icc_profile"]))
        reference = ImageCms.profileToProfile(
            source.convert("RGB"), profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
        ).getpixel((600, 400))
        unconverted = source.convert("RGB").getpixel((600, 400))
    smallest = tile_dir(image) / "full/300,200/0/default.jpg"
    with PILImage.open(smallest) as tile:
        got = tile.convert("RGB").getpixel((150, 100))
    assert all(abs(a - b) <= 6 for a, b in zip(got, reference, strict=True)), (got, reference)
    assert any(abs(a - b) > 15 for a, b in zip(got, unconverted, strict=True))


def test_cmyk_and_16_bit_greyscale_give_rgb_tiles():
    image = stored_image("cmyk.jpg", (PHOTOS / "cmyk.jpg").read_bytes())
    make_tiles(image)
    with PILImage.open(tile_dir(image) / "full/300,200/0/default.jpg") as tile:
        assert tile.mode == "RGB"
    buffer = io.BytesIO()
    grey = PILImage.linear_gradient("L").resize((700, 300)).convert("I")
    grey.point(lambda v: v * 257).convert("I;16").save(buffer, "PNG")
    image = stored_image("grey16.png", buffer.getvalue())
    make_tiles(image)
    with PILImage.open(tile_dir(image) / "full/350,150/0/default.jpg") as tile:
        assert tile.mode == "RGB"
        dark, light = tile.getpixel((175, 2))[0], tile.getpixel((175, 147))[0]
        assert dark < 30 and light > 220  # the full tonal range, not clipped to white


def test_deleting_the_image_deletes_its_tiles(django_capture_on_commit_callbacks):
    image = stored_image("weg.jpg", textured_jpeg((600, 600)))
    make_tiles(image)
    assert all_tiles(image)
    with django_capture_on_commit_callbacks(execute=True):
        CatalogueImage.objects.get(pk=image.pk).delete()
    assert not all_tiles(image)
    assert not DeepZoom.objects.filter(image_id=image.pk).exists()


def test_remade_tiles_replace_the_old_ones():
    image = stored_image("neu.jpg", textured_jpeg((1300, 900)))
    make_tiles(image)
    image.file = SimpleUploadedFile("neu2.jpg", textured_jpeg((600, 400)))
    image._set_image_file_metadata()
    image.save()
    zoom = make_tiles(image)
    assert zoom.scale_factors == [1, 2]
    names = {str(p.relative_to(tile_dir(image))) for p in all_tiles(image)}
    assert "1024,512,276,388/276,388/0/default.jpg" not in names
