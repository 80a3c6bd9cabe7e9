"""The demo's photographs look and behave like photographs: texture, camera EXIF with a position,
and the colour encodings labs deliver (Adobe RGB with a working profile, 16-bit grey, CMYK)."""

import io

import pytest
from PIL import Image as PILImage
from PIL import ImageChops, ImageCms, ImageFilter, ImageStat

from catalogue.models import WorkPage
from exhibition.demo import DEMO_ENCODINGS, LARGE_DEMO_PHOTOS
from exhibition.demo_photos import ADOBE_RGB_COLORANTS, adobe_rgb_profile, demo_photograph

pytestmark = pytest.mark.usefixtures("demo")

SIZE = (360, 240)


def open_bytes(data):
    image = PILImage.open(io.BytesIO(data))
    image.load()
    return image


def fine_detail(data):
    """Share of 40 px patches with detail finer than 2 px (grain, texture): a flat graphic of
    gradients and shapes (the old placeholders) has it only along its edges (0.45)."""
    grey = PILImage.open(io.BytesIO(data)).convert("L")
    detail = ImageChops.difference(grey, grey.filter(ImageFilter.GaussianBlur(2)))
    w, h = grey.size
    boxes = [(x, y, x + 40, y + 40) for x in range(0, w - 39, 40) for y in range(0, h - 39, 40)]
    return sum(ImageStat.Stat(detail.crop(b)).mean[0] > 1.0 for b in boxes) / len(boxes)


def test_a_demo_photograph_has_texture_everywhere():
    data = demo_photograph("BL-R-01", (600, 400))[0]
    assert fine_detail(data) > 0.95
    image = open_bytes(data).convert("RGB")
    assert len(set(image.get_flattened_data())) > 8_000  # the old placeholder: about 2,800
    assert demo_photograph("BL-R-01", SIZE)[0] == demo_photograph("BL-R-01", SIZE)[0]
    assert demo_photograph("BL-R-01", SIZE)[0] != demo_photograph("BL-J-01", SIZE)[0]


@pytest.mark.parametrize("encoding", ["srgb", "adobe-rgb", "grey16", "cmyk"])
def test_camera_exif_with_a_fake_position_in_every_encoding(encoding):
    data, _extension = demo_photograph("BL-J-03", SIZE, encoding, "jangtse")
    exif = open_bytes(data).getexif()
    assert exif[0x010F] == "Leporello DemoCam" and exif[0x0110] == "DC-24"
    sub = exif.get_ifd(0x8769)
    assert sub[0xA434].startswith("DemoLens") and sub[0xA431].startswith("DC24-")
    assert float(sub[0x829A]) < 0.01 and float(sub[0x829D]) >= 5.6 and sub[0x8827] >= 100
    gps = exif.get_ifd(0x8825)
    latitude = gps[2][0] + gps[2][1] / 60
    longitude = gps[4][0] + gps[4][1] / 60
    assert gps[1] == "N" and gps[3] == "E"
    assert abs(latitude - 29.56) < 0.2 and abs(longitude - 106.55) < 0.2  # near Chongqing


def test_the_modes_labs_deliver():
    assert open_bytes(demo_photograph("k", SIZE, "srgb")[0]).info["icc_profile"]
    grey = open_bytes(demo_photograph("k", SIZE, "grey16")[0])
    assert grey.mode == "I;16"
    assert len(set(grey.get_flattened_data())) > 256  # really 16 bits, not 8 bits padded
    assert open_bytes(demo_photograph("k", SIZE, "cmyk")[0]).mode == "CMYK"
    with pytest.raises(ValueError, match="Unknown encoding"):
        demo_photograph("k", SIZE, "lab")


def test_the_adobe_rgb_profile_is_adobe_rgb():
    """LittleCMS reads it, its colorants are the published ones, and a saturated red converts
    to sRGB as with Adobe's own profile: (200, 30, 39) → about (233, 24, 34)."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(adobe_rgb_profile()))
    assert "Adobe RGB (1998)" in ImageCms.getProfileDescription(profile)
    srgb = ImageCms.createProfile("sRGB")
    red = PILImage.new("RGB", (1, 1), (200, 30, 39))
    converted = ImageCms.profileToProfile(red, profile, srgb).getpixel((0, 0))
    assert all(abs(a - b) <= 2 for a, b in zip(converted, (233, 24, 34), strict=True)), converted
    # Pure sRGB red lies inside Adobe RGB: about (219, 0, 0) there.
    back = ImageCms.profileToProfile(PILImage.new("RGB", (1, 1), (255, 0, 0)), srgb, profile)
    assert abs(back.getpixel((0, 0))[0] - 219) <= 2
    assert ADOBE_RGB_COLORANTS["rXYZ"][1] == pytest.approx(0.3111, abs=1e-4)
    data = demo_photograph("k", SIZE, "adobe-rgb")[0]
    assert open_bytes(data).info["icc_profile"] == adobe_rgb_profile()


@pytest.mark.django_db
def test_the_demo_uses_them():
    """The shared test demo (built at a small size) has one of each kind and larger ones. The
    photographer's files are the originals kept for the registrar; the public web master made
    from each is sRGB without metadata (catalogue.photos)."""
    works = {w.inventory_number: w.image for w in WorkPage.objects.select_related("image")}
    modes = {}
    for inventory, image in works.items():
        with image.original.open("rb") as file, PILImage.open(file) as source:
            modes[inventory] = source.mode
            assert source.getexif().get_ifd(0x8825), inventory  # a position to strip
        with image.open_file() as file, PILImage.open(file) as public:
            assert not public.getexif().get_ifd(0x8825), inventory  # stripped
    assert modes["BL-R-07"] == "CMYK" and modes["BL-R-02"] == "RGB"
    assert modes["BL-J-04"] in ("I;16", "I;16B", "I")  # 16-bit greyscale
    with works["BL-R-02"].original.open("rb") as file, PILImage.open(file) as source:
        assert "Adobe RGB" in ImageCms.getProfileDescription(
            ImageCms.ImageCmsProfile(io.BytesIO(source.info["icc_profile"]))
        )
    assert set(DEMO_ENCODINGS) <= set(works)
    small, large = works["BL-R-05"], works[LARGE_DEMO_PHOTOS[0]]
    assert large.width == round(small.width * 2.5)
