"""The admin's image form: Wagtail's checks, then the full decode-and-normalise step."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from catalogue import photos

DAMAGED = _("This image file is damaged or incomplete and cannot be used (%(detail)s).")


def check_image_decodes(uploaded):
    """Decode the whole upload and derive its web master, so a truncated, corrupt or unsupported
    file is refused before anything is stored (Wagtail reads only the header).

    Returns the NormalisedPhoto, also attached to the upload (`leporello_photo`) so that saving
    the image does not decode it twice. Raises ValidationError (photos.PhotoRefused).
    """
    photo = photos.normalise(uploaded)
    uploaded.leporello_photo = photo
    return photo


class DecodedImageField(WagtailImageField):
    """Wagtail's image field, with messages that name the format and what to export instead,
    `.tif`/`.heif` endings matching TIFF/HEIC content, and a crash on a damaged file turned into
    a form error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["invalid_image_extension"] = _(
            "Leporello takes photographs as %(formats)s. %(advice)s"
        ) % {
            "formats": ", ".join(sorted({f.upper() for f in photos.EXTENSIONS.values()})),
            "advice": photos.EXPORT_ADVICE,
        }

    def check_image_file_format(self, f):
        extension = f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
        if extension not in self.allowed_image_extensions:
            what = photos._describe_unknown(f)
            if what:
                raise ValidationError(
                    _("This file is %(what)s, not a photograph Leporello can use. %(advice)s")
                    % {"what": what, "advice": photos.EXPORT_ADVICE},
                    code="invalid_image_extension",
                )
            raise ValidationError(
                self.error_messages["invalid_image_extension"], code="invalid_image_extension"
            )
        expected = photos.EXTENSIONS.get(extension, extension)
        if expected != f.image.format_name:
            raise ValidationError(
                _(
                    "This file is named .%(extension)s but contains a %(format)s image. Rename it "
                    "to end in .%(format_extension)s, or export it again as %(expected)s."
                )
                % {
                    "extension": extension,
                    "format": f.image.format_name.upper(),
                    "format_extension": f.image.format_name,
                    "expected": expected.upper(),
                },
                code="invalid_image_known_format",
            )

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
