"""Demo photographs that behave like photographs: generated in code, deterministic per key.

A river landscape (sky with clouds, hills fading into haze, water with ripples, film grain) at
any size, with the EXIF a camera writes (make, model, lens, exposure, date, an invented serial
number, a maker note and a fake GPS position near the work's river, so that stripping is visible)
and the colour encodings labs deliver:

- `srgb`: JPEG with an embedded sRGB profile (LittleCMS's built-in sRGB)
- `adobe-rgb`: JPEG in Adobe RGB (1998) with an Adobe-RGB-compatible ICC profile made here
  (`adobe_rgb_profile`)
- `grey16`: 16-bit greyscale PNG
- `cmyk`: CMYK JPEG without a profile (as many print workflows export)

Nothing here is a third-party photograph, and the EXIF names an invented camera.
"""

import datetime
import hashlib
import io
import random
import struct

from PIL import Image as PILImage
from PIL import ImageChops, ImageCms, ImageDraw, ImageFilter, ImageMath, ImageOps

ENCODINGS = ("srgb", "adobe-rgb", "grey16", "cmyk")
EXTENSIONS = {"srgb": "jpg", "adobe-rgb": "jpg", "grey16": "png", "cmyk": "jpg"}

# Fake positions near the rivers (decimal degrees, north/east), jittered per work.
RIVER_POSITIONS = {"rhein": (50.357, 7.589), "jangtse": (29.563, 106.551)}


# --- ICC profile -------------------------------------------------------------------------------

# Adobe RGB (1998) Color Image Encoding (Adobe, version 2005-05): primaries and D65 white, gamma
# 563/256. Colorants adapted to the ICC's D50 connection space with the Bradford transform (the
# matrix as tabulated by Bruce Lindbloom); the media white point is D65 as in Adobe's own v2 file.
ADOBE_RGB_COLORANTS = {
    "rXYZ": (0.6097559, 0.3111242, 0.0194811),
    "gXYZ": (0.2052401, 0.6256560, 0.0608902),
    "bXYZ": (0.1492240, 0.0632197, 0.7448387),
}
D65_WHITE = (0.95045, 1.0, 1.08905)
D50_ILLUMINANT = (0.9642, 1.0, 0.8249)
ADOBE_RGB_GAMMA = 563 / 256


def _s15f16(value):
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(xyz):
    return b"XYZ \0\0\0\0" + b"".join(_s15f16(v) for v in xyz)


def _desc_tag(text):
    ascii_text = text.encode("ascii") + b"\0"
    return (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + struct.pack(">II", 0, 0)  # no Unicode description
        + struct.pack(">HB", 0, 0)  # no ScriptCode description
        + b"\0" * 67
    )


def _text_tag(text):
    return b"text\0\0\0\0" + text.encode("ascii") + b"\0"


def _gamma_tag(gamma):
    return b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"


def adobe_rgb_profile():
    """An ICC v2.1 display profile compatible with Adobe RGB (1998), as bytes (about 500)."""
    tags = [
        ("desc", _desc_tag("Leporello Adobe RGB (1998) compatible")),
        ("cprt", _text_tag("No copyright, made by Leporello from the published primaries")),
        ("wtpt", _xyz_tag(D65_WHITE)),
        *((name, _xyz_tag(xyz)) for name, xyz in ADOBE_RGB_COLORANTS.items()),
        ("rTRC", _gamma_tag(ADOBE_RGB_GAMMA)),
        ("gTRC", _gamma_tag(ADOBE_RGB_GAMMA)),
        ("bTRC", _gamma_tag(ADOBE_RGB_GAMMA)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = [], b""
    for name, body in tags:
        body += b"\0" * (-len(body) % 4)
        table.append(struct.pack(">4sII", name.encode(), offset + len(data), len(body)))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"  # preferred CMM: none
        + bytes([2, 0x10, 0, 0])  # version 2.1
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 1999, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 4  # platform
        + b"\0" * 4  # flags
        + b"\0" * 8  # manufacturer, model
        + b"\0" * 8  # attributes
        + struct.pack(">I", 0)  # perceptual
        + b"".join(_s15f16(v) for v in D50_ILLUMINANT)
        + b"\0" * 4  # creator
        + b"\0" * 44  # profile ID and reserved
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + b"".join(table) + data


# --- Pixels ------------------------------------------------------------------------------------


def _noise(rng, size):
    """Uniform noise, L mode, from the seeded generator (Pillow's own noise cannot be seeded)."""
    return PILImage.frombytes("L", size, rng.randbytes(size[0] * size[1]))


def _fractal(rng, size, octaves=(96, 48, 24, 12, 6), stretch=(1, 1)):
    """Smooth value noise summed over octaves (cell sizes in px), normalised to full range."""
    width, height = size
    total = None
    weight = 0.0
    for i, cell in enumerate(octaves):
        cells = (
            max(2, width // (cell * stretch[0]) + 2),
            max(2, height // (cell * stretch[1]) + 2),
        )
        layer = _noise(rng, cells).resize(size, PILImage.Resampling.BICUBIC)
        amount = 0.5**i
        total = layer if total is None else PILImage.blend(total, layer, amount / (weight + amount))
        weight += amount
    return ImageOps.autocontrast(total, cutoff=1)


def _ridge(rng, width, top, bottom, roughness):
    """A hill line: y values between top and bottom across the width."""
    line = _fractal(rng, (width, 1), octaves=(width // 3, width // 9, width // 27, roughness))
    values = list(line.get_flattened_data())
    return [top + (bottom - top) * (1 - v / 255) for v in values]


def _palette(digest):
    """Light of a time of day, chosen by the key: sky top, horizon, hills near, water."""
    palettes = [
        ((92, 138, 196), (226, 214, 190), (52, 74, 48), (70, 100, 118)),  # clear morning
        ((120, 130, 150), (206, 204, 198), (60, 70, 58), (96, 108, 112)),  # overcast
        ((58, 72, 128), (240, 170, 110), (40, 42, 40), (88, 78, 92)),  # dusk
        ((70, 130, 200), (200, 220, 232), (66, 92, 52), (58, 104, 130)),  # midday
    ]
    return palettes[digest[0] % len(palettes)]


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def landscape(key, size):
    """A natural-looking river landscape, RGB, `size` = (width, height) in px; same key, same
    picture. Detail is drawn at up to 1600 px wide and enlarged, then grain at full size."""
    digest = hashlib.sha256(key.encode()).digest()
    rng = random.Random(digest)  # noqa: S311 - pictures, not secrets
    width, height = size
    scale = min(1.0, 1600 / width)
    work = (max(64, round(width * scale)), max(48, round(height * scale)))
    w, h = work
    sky_top, horizon_light, hills, water = _palette(digest)
    horizon = round(h * (0.42 + (digest[1] % 16) / 100))

    # Sky: vertical gradient, lighter at the horizon, with soft clouds.
    ramp = PILImage.linear_gradient("L").resize((w, horizon))
    sky = ImageOps.colorize(ramp, sky_top, horizon_light)
    clouds = _fractal(rng, (w, horizon), octaves=(160, 80, 40, 20), stretch=(3, 1))
    clouds = clouds.point(lambda v: max(0, v - 120) * 2)
    sky = PILImage.composite(
        PILImage.new("RGB", (w, horizon), _mix(horizon_light, (255, 255, 255), 0.6)), sky, clouds
    )

    # Water: the sky's colours darkened, with ripples stretched along the river.
    below = h - horizon
    water_base = ImageOps.colorize(
        PILImage.linear_gradient("L").resize((w, below)), _mix(horizon_light, water, 0.5), water
    )
    ripples = _fractal(rng, (w, below), octaves=(60, 20, 6), stretch=(12, 1))
    water_img = PILImage.composite(
        water_base.point(lambda v: min(255, v + 28)), water_base, ripples.point(lambda v: v // 2)
    )

    canvas = PILImage.new("RGB", work)
    canvas.paste(sky, (0, 0))
    canvas.paste(water_img, (0, horizon))

    # Three ridges: far ones pale and blue with haze, the near bank dark and textured.
    texture = _fractal(rng, work, octaves=(40, 12, 4))
    for depth, (top, haze) in enumerate(((0.55, 0.65), (0.35, 0.35), (0.15, 0.0))):
        colour = _mix(hills, horizon_light, haze)
        ridge = _ridge(rng, w, horizon - h * top * 0.5, horizon - h * 0.02, 14 + depth * 6)
        mask = PILImage.new("L", work, 0)
        ImageDraw.Draw(mask).polygon(
            [(0, horizon), *((x, ridge[x]) for x in range(w)), (w - 1, horizon)], fill=255
        )
        shade = ImageOps.colorize(
            texture, _mix(colour, (0, 0, 0), 0.35), _mix(colour, (255, 255, 255), 0.15)
        )
        canvas = PILImage.composite(shade, canvas, mask)
        # The hills' reflection, softer and darker.
        reflection = mask.crop((0, 0, w, horizon)).transpose(PILImage.Transpose.FLIP_TOP_BOTTOM)
        reflected = PILImage.new("L", work, 0)
        reflected.paste(reflection.point(lambda v: v // 3), (0, horizon))
        canvas = PILImage.composite(
            PILImage.new("RGB", work, _mix(colour, water, 0.5)), canvas, reflected
        )

    canvas = canvas.filter(ImageFilter.GaussianBlur(0.6))
    if work != size:
        canvas = canvas.resize(size, PILImage.Resampling.LANCZOS)
    # Film grain and a touch of sharpening at full size: what a zoom shows.
    grain_tile = _noise(rng, (min(512, width), min(512, height)))
    grain = PILImage.new("L", size)
    for x in range(0, width, grain_tile.width):
        for y in range(0, height, grain_tile.height):
            grain.paste(grain_tile, (x, y))
    canvas = ImageChops.add(
        canvas, PILImage.merge("RGB", [grain] * 3).point(lambda v: v // 16), offset=-8
    )
    return canvas.filter(ImageFilter.UnsharpMask(radius=1.2, percent=60, threshold=2))


# --- Files -------------------------------------------------------------------------------------


def camera_exif(key, river, taken=None):
    """EXIF as a camera writes it, with a fake GPS position near `river` ('rhein'/'jangtse')."""
    digest = hashlib.sha256(key.encode()).digest()
    taken = taken or datetime.datetime(2023, 4 + digest[2] % 6, 1 + digest[3] % 27, 7, 12, 9)
    lat, lon = RIVER_POSITIONS.get(river, RIVER_POSITIONS["rhein"])
    lat += (digest[4] - 128) / 2000
    lon += (digest[5] - 128) / 2000

    def dms(value):
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
        return (float(degrees), float(minutes), seconds)

    exif = PILImage.Exif()
    exif[0x010F] = "Leporello DemoCam"  # Make (an invented camera)
    exif[0x0110] = "DC-24"  # Model
    exif[0x0131] = "Leporello demo generator"  # Software
    exif[0x013B] = "Leporello demo (invented photographer)"  # Artist
    exif[0x8298] = "Sample image, no rights claimed"  # Copyright
    exif[0x0132] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTime
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
    sub[0x829A] = 1 / (125 * (1 + digest[6] % 4))  # ExposureTime
    sub[0x829D] = (5.6, 8.0, 11.0)[digest[7] % 3]  # FNumber
    sub[0x8827] = (100, 200, 400)[digest[8] % 3]  # ISOSpeedRatings
    sub[0x920A] = float((24, 35, 50, 85)[digest[9] % 4])  # FocalLength
    sub[0xA434] = "DemoLens 24-85mm F2.8 (invented)"  # LensModel
    sub[0xA431] = f"DC24-{digest.hex()[:8].upper()}"  # BodySerialNumber
    sub[0x927C] = b"LEPORELLO-MAKERNOTE\0" + digest[:12]  # MakerNote
    gps = exif.get_ifd(0x8825)
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001], gps[0x0002] = ("N" if lat >= 0 else "S"), dms(abs(lat))
    gps[0x0003], gps[0x0004] = ("E" if lon >= 0 else "W"), dms(abs(lon))
    gps[0x0006] = 62.0  # GPSAltitude (m)
    return exif


def demo_photograph(key, size, encoding="srgb", river="rhein"):
    """The file bytes of a demo photograph and its file extension, e.g. (b'…', 'jpg').

    `encoding` is one of ENCODINGS. Raises ValueError for another.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"Unknown encoding {encoding!r}, expected one of {ENCODINGS}")
    image = landscape(key, size)
    exif = camera_exif(key, river)
    buffer = io.BytesIO()
    srgb = ImageCms.createProfile("sRGB")
    if encoding == "srgb":
        icc = ImageCms.ImageCmsProfile(srgb).tobytes()
        image.save(buffer, "JPEG", quality=90, exif=exif, icc_profile=icc, subsampling=0)
    elif encoding == "adobe-rgb":
        profile = adobe_rgb_profile()
        a98 = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        image = ImageCms.profileToProfile(image, srgb, a98, outputMode="RGB")
        image.save(buffer, "JPEG", quality=92, exif=exif, icc_profile=profile, subsampling=0)
    elif encoding == "grey16":
        grey = image.convert("L")
        # 16 bits that are really used: the 8-bit values spread with fine noise between steps.
        fine = _noise(random.Random(key), grey.size)  # noqa: S311
        wide = ImageMath.lambda_eval(lambda a: a["g"] * 256 + a["f"], g=grey, f=fine)
        wide.convert("I;16").save(buffer, "PNG", exif=exif)
    else:  # cmyk
        image.convert("CMYK").save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue(), EXTENSIONS[encoding]
