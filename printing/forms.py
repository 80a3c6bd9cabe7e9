from django import forms
from django.utils.translation import gettext_lazy as _

from .labels import LabelOptions
from .options import (
    LANGUAGE_SETS,
    LAYOUTS,
    PROFILES,
    SHEETS,
    output_profile,
    parse_label_size,
    parse_languages,
)
from .printed_catalogue import PrintedCatalogueOptions
from .texts import PrintError

SIZE_CHOICES = [
    ("a6", _("A6 landscape (148 × 105 mm)")),
    ("a5", _("A5 landscape (210 × 148 mm)")),
    ("100x150", _("100 × 150 mm")),
    ("custom", _("Custom (width × height below)")),
]


class LabelsForm(forms.Form):
    size = forms.ChoiceField(label=_("Size"), choices=SIZE_CHOICES, initial="a6")
    custom_size = forms.CharField(
        label=_("Custom size in mm"), required=False, help_text=_("e.g. 120x80")
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=[
            ("object", _("Object label (title, year, medium, credit line)")),
            ("extended", _("Extended label (plus the caption)")),
        ],
        initial="object",
    )
    work = forms.ChoiceField(label=_("Works"), required=False)
    bleed = forms.BooleanField(label=_("3 mm bleed with crop marks"), required=False)
    sheet = forms.ChoiceField(
        label=_("Sheets"),
        required=False,
        choices=[("", _("One label per page")), *((k, k.upper()) for k in SHEETS)],
        help_text=_("Several labels per sheet with cut marks."),
    )
    placeholders = forms.BooleanField(
        label=_("Print missing translations as visible placeholders"), required=False
    )
    profile = forms.ChoiceField(
        label=_("PDF"),
        choices=[
            ("screen", _("Screen: accessible PDF (PDF/UA-1)")),
            ("print", _("Print shop: PDF/X-4, CMYK output intent, bleed and crop marks")),
        ],
        initial="screen",
        required=False,
    )
    allow_low_resolution = forms.BooleanField(label=_("Allow images below 150 dpi"), required=False)
    allow_local_address = forms.BooleanField(
        label=_("Allow QR codes of a local address (test print)"), required=False
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work"].choices = [("", _("All works on the checklist"))] + [
            (str(e.label_number), f"{e.label_number} · {e.work.title}") for e in entries
        ]

    def clean(self):
        data = super().clean()
        size = data.get("custom_size") if data.get("size") == "custom" else data.get("size")
        try:
            data["paper"] = parse_label_size(size or "")
        except PrintError as error:
            self.add_error("custom_size" if data.get("size") == "custom" else "size", str(error))
        assert data.get("layout") in (*LAYOUTS, None)
        return data

    def options(self):
        data = self.cleaned_data
        return LabelOptions(
            size=data["paper"],
            layout=data["layout"],
            bleed=data["bleed"],
            sheet=data["sheet"] or None,
            placeholders=data["placeholders"],
            profile=output_profile(data.get("profile") or "screen"),
            allow_low_resolution=data["allow_low_resolution"],
            allow_local_address=data["allow_local_address"],
        )


class PrintedCatalogueForm(forms.Form):
    languages = forms.ChoiceField(
        label=_("Languages"),
        choices=[
            ("de,zh-hans", _("German and Chinese")),
            ("zh-hans,de", _("Chinese and German")),
            ("en", _("English")),
            ("zh-hans,en", _("Chinese and English")),
            ("en,zh-hans", _("English and Chinese")),
            ("de,en", _("German and English")),
            ("en,de", _("English and German")),
            ("de", _("German")),
            ("zh-hans", _("Chinese")),
        ],
    )
    profile = forms.ChoiceField(
        label=_("PDF"),
        choices=[
            ("screen", _("Screen: accessible PDF (PDF/UA-1), images about 150 dpi")),
            ("print", _("Print shop: PDF/X-4, CMYK output intent, bleed, images 300 dpi")),
        ],
    )
    placeholders = forms.BooleanField(
        label=_("Print missing translations as visible placeholders"), required=False
    )
    allow_low_resolution = forms.BooleanField(label=_("Allow images below 150 dpi"), required=False)

    def options(self):
        data = self.cleaned_data
        assert data["languages"] in LANGUAGE_SETS and data["profile"] in PROFILES
        return PrintedCatalogueOptions(
            languages=parse_languages(data["languages"]),
            profile=data["profile"],
            placeholders=data["placeholders"],
            allow_low_resolution=data["allow_low_resolution"],
        )
