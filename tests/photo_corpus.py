"""A corpus of photographs as cameras, raw converters, scanners and phones deliver them, generated
in code (no third-party photographs): `python -m tests.photo_corpus OUTDIR` writes the files.

Each entry says what Leporello must do with it (`accept` or the refusal code) and, for accepted
files, the colour of a flat patch in the source's own colour space (`patch`: (box, Lab)) so tests
can check the web master and the PDFs within ΔE 3. Small images except where size is the point.
"""

import io
import struct
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms

SIZE = (120, 80)  # landscape; small keeps 16 renditions per file fast
# A saturated red in Adobe RGB (1998), the example, and a colour both gamuts hold.
ADOBE_RED = (233, 24, 34)
PATCH_RGB = (180, 70, 50)


def _s15(value):
    return struct.pack(">i", round(value * 65536))


def _xyz_tag(x, y, z):
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def matrix_profile(description, primaries, gamma):
    """A minimal ICC v2 RGB display profile (matrix/TRC), bytes.

    primaries: D50-adapted XYZ of red, green and blue; gamma: one tone curve for all channels.
    """
    desc_text = description.encode("ascii") + b"\0"
    desc = (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(desc_text))
        + desc_text
        + b"\0" * 12  # no Unicode, no ScriptCode description
        + b"\0" * 67
    )
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"cprt", b"text\0\0\0\0No copyright, generated for tests\0"),
        (b"wtpt", _xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", _xyz_tag(*primaries[0])),
        (b"gXYZ", _xyz_tag(*primaries[1])),
        (b"bXYZ", _xyz_tag(*primaries[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        while (offset + len(data)) % 4:
            data += b"\0"
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    body = struct.pack(">I", len(tags)) + table + data
    size = 128 + len(body)
    header = (
        struct.pack(">I", size)
        + b"none"
        + bytes([2, 0x10, 0, 0])
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 16  # platform, flags, manufacturer, model
        + b"\0" * 8  # attributes
        + struct.pack(">I", 0)  # perceptual
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + b"none"
        + b"\0" * 44
    )
    assert len(header) == 128
    return header + body


def adobe_rgb_profile():
    """An ICC profile compatible with Adobe RGB (1998): its primaries, D50-adapted, gamma 563/256."""
    return matrix_profile(
        "Compatible with Adobe RGB (1998)",
        (
            (0.60974, 0.31111, 0.01947),
            (0.20528, 0.62567, 0.06087),
            (0.14919, 0.06322, 0.74457),
        ),
        563 / 256,
    )


def lab_of(rgb, icc=None):
    """CIE Lab (D50) of one RGB colour in the given profile (sRGB when None)."""
    pixel = Image.new("RGB", (1, 1), rgb)
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc)) if icc else ImageCms.createProfile("sRGB")
    transform = ImageCms.buildTransform(
        source,
        ImageCms.createProfile("LAB", 5000),
        "RGB",
        "LAB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    lab = ImageCms.applyTransform(pixel, transform).getpixel((0, 0))
    return (lab[0] * 100 / 255, lab[1] - 128, lab[2] - 128)  # Pillow stores a*, b* + 128


def in_srgb(rgb, icc):
    """An RGB colour of the given profile converted to sRGB (clipped where out of gamut)."""
    pixel = Image.new("RGB", (1, 1), rgb)
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return ImageCms.profileToProfile(pixel, source, ImageCms.createProfile("sRGB")).getpixel((0, 0))


def delta_e(lab1, lab2):
    """CIE76 colour difference."""
    return sum((a - b) ** 2 for a, b in zip(lab1, lab2, strict=True)) ** 0.5


def tiff_rgb16(width, height, rgb16, icc=None):
    """An uncompressed RGB TIFF with 16 bits per sample (Pillow cannot write one)."""
    pixels = struct.pack("<HHH", *rgb16) * (width * height)
    extra = struct.pack("<HHH", 16, 16, 16)
    entries = [
        (256, 4, 1, width),
        (257, 4, 1, height),
        (258, 3, 3, "bps"),
        (259, 3, 1, 1),
        (262, 3, 1, 2),
        (273, 4, 1, "pixels"),
        (277, 3, 1, 3),
        (278, 4, 1, height),
        (279, 4, 1, len(pixels)),
        (284, 3, 1, 1),
        (296, 3, 1, 1),
    ]
    if icc:
        entries.append((34675, 7, len(icc), "icc"))
    ifd_end = 8 + 2 + 12 * len(entries) + 4
    offsets = {"bps": ifd_end, "icc": ifd_end + len(extra)}
    if icc:
        extra += icc + b"\0" * (len(icc) % 2)
    offsets["pixels"] = ifd_end + len(extra)
    out = b"II*\0" + struct.pack("<IH", 8, len(entries))
    for tag, kind, count, value in entries:
        value = offsets.get(value, value) if isinstance(value, str) else value
        if kind == 3 and count == 1:
            out += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            out += struct.pack("<HHII", tag, kind, count, value)
    return out + struct.pack("<I", 0) + extra + pixels


def png_rgb16(width, height, rgb16):
    """A 16-bit-per-channel RGB PNG (as raw converters export), written directly."""
    row = b"\0" + struct.pack(">HHH", *rgb16) * width

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def private_exif(
    make="ExampleCam", model="Model X-1", artist="Invented Artist Name", serial="SN-0012345"
):
    """EXIF as a camera writes it: make, model, serial, artist, maker note and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = make  # Make
    exif[0x0110] = model  # Model
    exif[0x013B] = artist  # Artist
    exif[0x8298] = f"(c) {artist}"  # Copyright
    exif[0x0131] = "RawDeveloper 9.1"  # Software
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0xA431] = serial  # BodySerialNumber
    exif_ifd[0x927C] = b"MAKERNOTE-SECRET"  # MakerNote
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (50.0, 21.0, 30.0), 3: "E", 4: (7.0, 36.0, 12.0)})
    return exif


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="50,21.5N" xmpMM:History="saved by Invented Artist Name at home"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def patch_image(mode="RGB", colour=PATCH_RGB):
    """A flat patch of `colour` on the left half, a grey gradient on the right: a 'photograph'
    whose left half has one known colour."""
    image = Image.new("RGB", SIZE, colour)
    for x in range(SIZE[0] // 2, SIZE[0]):
        shade = 40 + 3 * (x - SIZE[0] // 2)
        for y in range(SIZE[1]):
            image.putpixel((x, y), (shade, shade, min(255, shade + 10)))
    return image.convert(mode) if mode != "RGB" else image


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


PATCH_BOX = (10, 10, 40, 70)  # inside the flat left half (x0, y0, x1, y1)


@dataclass
class Sample:
    """One corpus file: name, bytes, what must happen, and the patch's expected Lab colour."""

    name: str
    content: bytes
    expect: str = "accept"  # or the refusal code
    patch_lab: tuple | None = None
    size: tuple = SIZE  # width x height of the web master (after orientation)
    private: bool = False  # carries GPS/camera metadata that must not reach public files
    notes: list = field(default_factory=list)


def _heic(image, **options):
    try:
        import pillow_heif
    except ImportError:
        return None
    heif = pillow_heif.from_pillow(image)
    buffer = io.BytesIO()
    heif.save(buffer, quality=95, **options)
    return buffer.getvalue()


def corpus():
    """Every sample, generated in memory (about 1 MB in all)."""
    srgb = lab_of(PATCH_RGB)
    adobe = adobe_rgb_profile()
    samples = [
        Sample("baseline.jpg", encode(patch_image(), "JPEG", quality=95), patch_lab=srgb),
        Sample(
            "progressive.jpg",
            encode(patch_image(), "JPEG", quality=95, progressive=True),
            patch_lab=srgb,
        ),
        # CMYK without a profile: shown as browsers show it (Pillow's conversion).
        Sample("cmyk.jpg", encode(patch_image("CMYK"), "JPEG", quality=95)),
        Sample(
            "adobe-rgb.jpg",
            encode(patch_image(colour=PATCH_RGB), "JPEG", quality=95, icc_profile=adobe),
            patch_lab=lab_of(PATCH_RGB, adobe),
        ),
        Sample(
            "adobe-rgb-red.jpg",
            encode(Image.new("RGB", SIZE, ADOBE_RED), "JPEG", quality=95, icc_profile=adobe),
            # Outside sRGB (ΔE 6.5 from the nearest sRGB colour): expect that nearest colour.
            patch_lab=lab_of(in_srgb(ADOBE_RED, adobe)),
        ),
        Sample(
            "rgb16.png",
            png_rgb16(*SIZE, tuple(c * 257 for c in PATCH_RGB)),
            patch_lab=srgb,
        ),
        Sample(
            "adobe-rgb16.tif",
            tiff_rgb16(*SIZE, tuple(c * 257 for c in PATCH_RGB), icc=adobe),
            patch_lab=lab_of(PATCH_RGB, adobe),
        ),
        Sample("rgb8.tiff", encode(patch_image(), "TIFF", compression="tiff_lzw"), patch_lab=srgb),
        Sample(
            "grey16.png",
            encode(Image.new("I;16", SIZE, 128 * 257), "PNG"),
            patch_lab=lab_of((128, 128, 128)),
        ),
        Sample(
            "grey16.tif",
            encode(Image.new("I;16", SIZE, 128 * 257), "TIFF"),
            patch_lab=lab_of((128, 128, 128)),
        ),
        Sample("grey.jpg", encode(patch_image("L"), "JPEG", quality=95)),
        Sample(
            "rgba.png",
            encode(patch_image().convert("RGBA"), "PNG"),
            patch_lab=srgb,
        ),
        Sample("photo.webp", encode(patch_image(), "WEBP", quality=100), patch_lab=srgb),
        Sample("photo.avif", encode(patch_image(), "AVIF", quality=100), patch_lab=srgb),
    ]
    # Orientation 6: the camera was turned; pixels are landscape, the photograph is portrait.
    exif = Image.Exif()
    exif[0x0112] = 6
    samples.append(
        Sample(
            "orientation-6.jpg",
            encode(patch_image(), "JPEG", quality=95, exif=exif),
            size=(SIZE[1], SIZE[0]),
        )
    )
    samples.append(
        Sample(
            "gps-and-camera.jpg",
            encode(
                patch_image(),
                "JPEG",
                quality=95,
                exif=private_exif(),
                xmp=XMP,
                comment=b"shot at home, Rheinweg 3",
            ),
            patch_lab=srgb,
            private=True,
        )
    )
    samples.append(
        Sample(
            "gps-and-camera.tif",
            encode(patch_image(), "TIFF", exif=private_exif()),
            patch_lab=srgb,
            private=True,
        )
    )
    heic = _heic(patch_image(), exif=private_exif().tobytes())
    if heic:
        samples.append(Sample("phone.heic", heic, patch_lab=srgb, private=True))
    # Refused, each with a message that names the format.
    samples += [
        Sample("drawing.gif", encode(patch_image().convert("P"), "GIF"), "invalid_image_extension"),
        Sample("scan.bmp", encode(patch_image(), "BMP"), "invalid_image_extension"),
        Sample(
            "float.tif",
            encode(Image.new("F", SIZE, 0.5), "TIFF"),
            "unsupported_pixel_format",
        ),
        Sample("bmp-named.jpg", encode(patch_image(), "BMP"), "invalid_image_known_format"),
    ]
    return samples


def write(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for sample in corpus():
        (folder / sample.name).write_bytes(sample.content)
    return folder


if __name__ == "__main__":
    print(write(sys.argv[1] if len(sys.argv) > 1 else "photo-corpus"))
