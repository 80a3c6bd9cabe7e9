"""The demo's pictures: generated photographs for its works and a marked placeholder JPEG.

Sizes are (width, height) in pixels. Tests pass small sizes; `load_demo` uses PLACEHOLDER_SIZE.
"""

import hashlib
import io
import math

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps

from catalogue.models import CatalogueImage

from .demo_data import translated_fields
from .demo_photos import demo_photograph

PLACEHOLDER_SIZE = (2400, 1600)
# Demo photographs (exhibition.demo_photos): most are sRGB JPEGs; these come as labs deliver
# them, and a few at 2.5 times the size (6000 × 4000 = 24 MP by default) for file sizes and zoom.
DEMO_ENCODINGS = {"BL-R-02": "adobe-rgb", "BL-R-07": "cmyk", "BL-J-04": "grey16"}
LARGE_DEMO_PHOTOS = ("BL-R-01", "BL-R-02", "BL-J-01")


def placeholder_jpeg(key, label, size=PLACEHOLDER_SIZE):
    """A deterministic river-landscape stand-in, clearly marked as a placeholder."""
    digest = hashlib.sha256(key.encode()).digest()
    width, height = size
    horizon = height * (40 + digest[0] % 20) // 100
    sky_top = (150 + digest[1] % 60, 170 + digest[2] % 50, 200 + digest[3] % 40)
    water = (40 + digest[4] % 40, 80 + digest[5] % 50, 100 + digest[6] % 60)
    sky = ImageOps.colorize(
        PILImage.linear_gradient("L").resize((width, horizon)), sky_top, (235, 232, 222)
    )
    river = ImageOps.colorize(
        PILImage.linear_gradient("L").resize((width, height - horizon)), (150, 165, 170), water
    )
    canvas = PILImage.new("RGB", size)
    canvas.paste(sky, (0, 0))
    canvas.paste(river, (0, horizon))
    draw = ImageDraw.Draw(canvas)
    amplitude, phase = 20 + digest[7] % 60, digest[8] / 40
    bank = [
        (x, horizon - 30 - amplitude * (1 + math.sin(x / 260 + phase)))
        for x in range(0, width + 40, 40)
    ]
    draw.polygon([(0, horizon), *bank, (width, horizon)], fill=(70 + digest[9] % 40, 90, 70))
    for row in range(6):
        y = horizon + 80 + row * (height - horizon) // 7
        draw.line(
            [(width * row // 12, y), (width - width * row // 14, y)], fill=(220, 228, 230), width=3
        )
    font = ImageFont.load_default(size=height // 14)
    small = ImageFont.load_default(size=height // 28)
    draw.rectangle([(0, height - height // 4), (width, height)], fill=(20, 20, 20))
    # Centred, so that the marking survives the crops of thumbnails.
    mark_y, label_y = height - height // 4 + height // 24, height - height // 9
    draw.text(
        (width // 2, mark_y), "PLATZHALTER · PLACEHOLDER", font=font, fill="white", anchor="ma"
    )
    draw.text((width // 2, label_y), label, font=small, fill=(230, 230, 230), anchor="ma")
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def placeholder_image(work_data, image_size=PLACEHOLDER_SIZE):
    """The CatalogueImage of one demo work (made once, found again by its title): a generated
    photograph of `image_size` pixels (width, height), 2.5 times that for LARGE_DEMO_PHOTOS."""
    title = f"Platzhalter {work_data['inventory_number']}"
    image = CatalogueImage.objects.filter(title=title, is_placeholder=True).first()
    if image is None:
        inventory = work_data["inventory_number"]
        encoding = DEMO_ENCODINGS.get(inventory, "srgb")
        large = inventory in LARGE_DEMO_PHOTOS
        size = tuple(round(side * 2.5) for side in image_size) if large else image_size
        content, extension = demo_photograph(inventory, size, encoding, work_data["section"])
        image = CatalogueImage(
            title=title,
            is_placeholder=True,
            photographer_credit="Leporello demo",
            copyright="Placeholder image, no rights claimed",
            **translated_fields(
                "alt_text",
                {
                    "de": f"Platzhalterbild: generierte Flusslandschaft, {work_data['place_name']['de']}",
                    "zh-hans": f"占位图：生成的河流风景，{work_data['place_name']['zh-hans']}",
                    "en": f"Placeholder: generated river landscape, {work_data['place_name']['en']}",
                },
            ),
        )
        image.file = ImageFile(
            io.BytesIO(content), name=f"placeholder-{inventory.lower()}.{extension}"
        )
        image._set_image_file_metadata()
        image.save()
    return image
