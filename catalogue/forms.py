import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

DAMAGED = _("This image file is damaged or incomplete and cannot be used (%(detail)s).")


def check_image_decodes(uploaded):
    """Decode every pixel once, so a truncated or corrupt file is refused before it is stored.

    Wagtail reads only the header; a JPEG cut off half way passes that and fails later, when a
    rendition is made for a visitor.
    """
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("This image has too many pixels to process safely (%(detail)s).") % {"detail": exc},
            code="file_too_many_pixels",
        ) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(DAMAGED % {"detail": exc}, code="corrupt_image") from None
    finally:
        uploaded.seek(0)


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, turning a crash on a damaged file into a form error."""

    def to_python(self, data):
        try:
            uploaded = super().to_python(data)
        except (OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(DAMAGED % {"detail": exc}, code="corrupt_image") from None
        if uploaded is not None:
            check_image_decodes(uploaded)
        return uploaded


class CatalogueImageForm(BaseImageForm):
    """The admin's image form (single and multiple upload): Wagtail's checks plus a full decode."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            original = self.fields["file"]
            self.fields["file"] = DecodedImageField(
                label=original.label,
                required=original.required,
                widget=original.widget,
                help_text=original.help_text,
            )
