"""Where an image's deep-zoom tiles live in the media storage (`catalogue.tiles` makes them).

Apart from `catalogue.tiles` so the DeepZoom model can name its info.json address without
importing the module that makes tiles (which reads the models).
"""

from config.storage import media_storage_instance as media_storage

ROOT = "iiif"


def folder(image_pk):
    """The tile folder of an image: 'iiif/<pk>'."""
    return f"{ROOT}/{int(image_pk)}"


def info_url(image_pk):
    """The info.json address as the media storage serves it (relative under FileSystemStorage)."""
    return media_storage.url(f"{folder(image_pk)}/info.json")
