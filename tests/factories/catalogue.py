"""Works and what they are made of: images, photographers, sections, work pages."""

import io

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from catalogue.models import CatalogueImage, Photographer, Section, WorkPage

from .pages import PageFactory


def jpeg_bytes(size=(120, 80), colour=(90, 120, 150)):
    """A small, real JPEG (Pillow), enough for renditions, tiles and PDFs."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    """A CatalogueImage with a generated JPEG; `size` and `colour` choose the picture."""

    class Meta:
        model = CatalogueImage

    title = factory.Sequence(lambda n: f"Photograph {n}")
    photographer_credit = "Photo: Test Photographer"
    copyright = "© Test Photographer"
    alt_text_de = factory.Sequence(lambda n: f"Flusslandschaft {n}")
    alt_text_zh_hans = factory.Sequence(lambda n: f"河流风景 {n}")
    alt_text_en = factory.Sequence(lambda n: f"River landscape {n}")

    @classmethod
    def _create(cls, model_class, *args, size=(120, 80), colour=(90, 120, 150), **kwargs):
        image = model_class(*args, **kwargs)
        name = f"photo-{CatalogueImage.objects.count() + 1}.jpg"
        image.file = ImageFile(io.BytesIO(jpeg_bytes(size, colour)), name=name)
        image._set_image_file_metadata()
        image.save()
        return image


class PhotographerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photographer

    sort_name = factory.Sequence(lambda n: f"Photographer {n}, Test")
    name_de = factory.Sequence(lambda n: f"Test Fotograf {n}")
    name_zh_hans = factory.Sequence(lambda n: f"测试摄影师 {n}")
    name_en = factory.Sequence(lambda n: f"Test Photographer {n}")
    biography_de = "<p>Fotograf für Tests.</p>"
    biography_zh_hans = "<p>用于测试的摄影师。</p>"
    biography_en = "<p>A photographer for tests.</p>"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"section-{n}")
    sort_order = factory.Sequence(int)
    title_de = factory.Sequence(lambda n: f"Abschnitt {n}")
    title_zh_hans = factory.Sequence(lambda n: f"部分 {n}")
    title_en = factory.Sequence(lambda n: f"Section {n}")
    river_de = "Rhein"
    river_zh_hans = "莱茵河"
    river_en = "Rhine"


class WorkPageFactory(PageFactory):
    """A published work with texts in German, Chinese and English and an image.

    Pass `parent=exhibition` (works live under an exhibition page), `image=None` for a work
    without one, and any text you assert on (`title_en="…"`, `inventory_number="BL-R-01"`).
    """

    class Meta:
        model = WorkPage

    inventory_number = factory.Sequence(lambda n: f"T-{n:03d}")
    slug = factory.LazyAttribute(lambda o: o.inventory_number.lower())
    catalogue_number = factory.Sequence(lambda n: n + 1)
    year = 2020
    section = factory.SubFactory(SectionFactory)
    image = factory.SubFactory(ImageFactory)
    title_de = factory.Sequence(lambda n: f"Werk {n}")
    title_zh_hans = factory.Sequence(lambda n: f"作品 {n}")
    title_en = factory.Sequence(lambda n: f"Work {n}")
    caption_de = factory.Sequence(lambda n: f"Bildtext {n} auf Deutsch.")
    caption_zh_hans = factory.Sequence(lambda n: f"第{n}件作品的说明。")
    caption_en = factory.Sequence(lambda n: f"Caption {n} in English.")
    place_name_de = "Köln"
    place_name_zh_hans = "科隆"
    place_name_en = "Cologne"
    medium_de = "Silbergelatine"
    medium_zh_hans = "银盐"
    medium_en = "Gelatin silver print"
    credit_line_de = "Privatbesitz"
    credit_line_zh_hans = "私人收藏"
    credit_line_en = "Private collection"
    image_width_mm = 400
    image_height_mm = 300

    @classmethod
    def _default_parent(cls):
        from .exhibition import ExhibitionPageFactory

        return ExhibitionPageFactory()
