from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from catalogue.counterparts import check_pairing
from catalogue.languages import LANGUAGE_CODES
from catalogue.page_context import WORK_PAGE_CONTEXT, add_from_hooks
from catalogue.rendition_specs import zoom_of
from catalogue.search import search_text

from .images import renditions_prefetch
from .sections import Section
from .translation_state import TranslationStatusesMixin, object_state, prefetch_statuses
from .translation_status import TranslationStatus

FACTS = "catalogue.edit_work_facts"  # dates, numbers, measurements: curators, not translators

# Texts a work must have in German before it is complete; the other languages need every text
# the German has (description included once the German has one): the translation status says so.
REQUIRED_TEXT_FIELDS = ("title", "caption", "place_name", "medium", "credit_line")


class WorkPageQuerySet(TranslationStatusesMixin, PageQuerySet):
    """Works, with the translation state machine (`translation_state`) for listings."""

    def with_translation_state(self, language, state):
        """Works whose state in `language` (a code such as 'zh-hans') is `state`: a status
        ('missing', 'draft', 'needs_review', 'approved') or 'unpublished' (translated, waiting
        for a curator to publish). Asks `translation_state.object_state`, the one rule."""
        works = self.model.objects.filter(pk__in=self.values("pk")).with_translation_statuses()
        wanted = [w.pk for w in works if object_state(w, language).matches(state)]
        return self.filter(pk__in=wanted)

    def missing_translation(self, language):
        """Works with at least one text missing in `language` (a code such as 'zh-hans')."""
        return self.with_translation_state(language, TranslationStatus.Status.MISSING)

    def in_section(self, section):
        return self.filter(section=section)

    def in_catalogue_order(self):
        return self.order_by("section__sort_order", "catalogue_number", "path")


WorkPageManager = PageManager.from_queryset(WorkPageQuerySet)


def _mm(label):
    return models.PositiveIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(20000)]
    )


class WorkPage(Page):
    """One photograph of the exhibition: what a label, the catalogue and the tablet show."""

    REQUIRED_TEXT_FIELDS = REQUIRED_TEXT_FIELDS  # for translation_state: German "missing"

    caption = models.TextField(
        _("short caption"), blank=True, help_text=_("For wall labels: two or three sentences.")
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1826), MaxValueValidator(2100)],
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="works",
    )
    medium = models.CharField(
        _("medium / technique"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Inkjet print on baryta paper"),
    )
    image_width_mm = _mm(_("image width (mm)"))
    image_height_mm = _mm(_("image height (mm)"))
    sheet_width_mm = _mm(_("sheet width (mm)"))
    sheet_height_mm = _mm(_("sheet height (mm)"))
    frame_width_mm = _mm(_("frame width (mm)"))
    frame_height_mm = _mm(_("frame height (mm)"))
    frame_depth_mm = _mm(_("frame depth (mm)"))
    edition_number = models.PositiveSmallIntegerField(
        _("edition number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    edition_size = models.PositiveSmallIntegerField(
        _("edition size"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    artist_proofs = models.PositiveSmallIntegerField(
        _("artist's proofs"),
        null=True,
        blank=True,
        help_text=_("How many AP exist besides the edition."),
    )
    is_artist_proof = models.BooleanField(_("this print is an artist's proof"), default=False)
    inventory_number = models.CharField(
        _("inventory number"), max_length=50, unique=True, null=True, blank=False
    )
    catalogue_number = models.PositiveSmallIntegerField(
        _("catalogue number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    credit_line = models.CharField(_("credit line"), max_length=255, blank=True)
    image = models.ForeignKey(
        "catalogue.CatalogueImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    counterpart = models.ForeignKey(
        "self",
        verbose_name=_("counterpart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counterpart_of",
        help_text=_("The work it is paired with, e.g. a Rhine view with a Yangtze view."),
    )
    is_sample = models.BooleanField(
        _("sample content"),
        default=False,
        help_text=_("Invented for the demo; shown to visitors as sample content."),
    )

    objects = WorkPageManager()

    parent_page_types = ["exhibition.ExhibitionPage"]
    subpage_types = []
    # A copy is a new object: it must get its own inventory number.
    exclude_fields_in_copy = ["inventory_number"]

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("description"),
        FieldPanel("place_name"),
        FieldPanel("medium"),
        FieldPanel("credit_line"),
        MultiFieldPanel(
            [
                FieldPanel("section", permission=FACTS),
                FieldPanel("year", permission=FACTS),
                FieldPanel("inventory_number", permission=FACTS),
                FieldPanel("catalogue_number", permission=FACTS),
                FieldPanel("counterpart", permission=FACTS),
                FieldPanel("is_sample", permission=FACTS),
            ],
            heading=_("Facts"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("image_width_mm", permission=FACTS),
                        FieldPanel("image_height_mm", permission=FACTS),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("sheet_width_mm", permission=FACTS),
                        FieldPanel("sheet_height_mm", permission=FACTS),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("frame_width_mm", permission=FACTS),
                        FieldPanel("frame_height_mm", permission=FACTS),
                        FieldPanel("frame_depth_mm", permission=FACTS),
                    ]
                ),
            ],
            heading=_("Dimensions in millimetres (width × height)"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("edition_number", permission=FACTS),
                        FieldPanel("edition_size", permission=FACTS),
                        FieldPanel("artist_proofs", permission=FACTS),
                    ]
                ),
                FieldPanel("is_artist_proof", permission=FACTS),
            ],
            heading=_("Edition"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("caption"),
        index.SearchField("description"),
        index.SearchField("place_name"),
        index.SearchField("inventory_number"),
        # The admin listing searches by autocomplete: inventory numbers and every title language.
        index.AutocompleteField("inventory_number"),
        index.AutocompleteField("title_zh_hans"),
        index.AutocompleteField("title_en"),
        index.FilterField("section"),
        index.FilterField("year"),
        # The visitors' search: every language at once, Han text as bigrams (catalogue/search.py).
        index.SearchField("visitor_search_text"),
    ]

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        permissions = [("edit_work_facts", "Can edit dates, numbers and measurements of works")]

    def clean(self):
        super().clean()
        errors = {}
        if self.edition_number and self.edition_size and self.edition_number > self.edition_size:
            errors["edition_number"] = _(
                "Edition number %(number)s is larger than the edition size %(size)s."
            ) % {"number": self.edition_number, "size": self.edition_size}
        errors.update(check_pairing(self))
        for part in ("width", "height"):
            image_name = f"image_{part}_mm"
            for outer_name in (f"sheet_{part}_mm", f"frame_{part}_mm"):
                image_mm, outer_mm = getattr(self, image_name), getattr(self, outer_name)
                if image_mm and outer_mm and outer_mm < image_mm:
                    errors[outer_name] = _(
                        "%(outer)s is %(outer_mm)s, smaller than %(image)s (%(image_mm)s)."
                    ) % {
                        "outer": self._meta.get_field(outer_name).verbose_name,
                        "outer_mm": outer_mm,
                        "image": self._meta.get_field(image_name).verbose_name,
                        "image_mm": image_mm,
                    }
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        """What the work page shows, read here and not by its template (habit 13)."""
        context = super().get_context(request, *args, **kwargs)
        return self.page_context(request, context)

    def page_context(self, request, context):
        """`context` completed with everything `catalogue/work_page.html` reads: the image with
        its renditions and zoom (`zoom`), the section, the counterpart (`counterpart`, with its
        thumbnail, and `counterpart_url`), then what apps add through WORK_PAGE_CONTEXT
        (visitor: `visit`/`default_visit`, the work at a tour stop), and the exhibition for the
        breadcrumb when there is no visit; the translation statuses of every text shown in one
        query.

        Wagtail's own address comes through `get_context`; visitor's work-at-a-stop view calls
        this with its `visit` (and kiosk flags) already in `context`."""
        # Every slot of the template, so one that no app fills is empty rather than missing.
        context.setdefault("visit", None)
        context.update(
            default_visit=None,
            caption_override=None,
            credit_line_override=None,
            counterpart=None,
            counterpart_url="",
            exhibition=None,
        )
        prefetch_related_objects([self], "section", renditions_prefetch("main"))
        context["zoom"] = zoom_of(self.image)
        pair = self.paired_work
        if pair is not None and pair.live:
            prefetch_related_objects([pair], renditions_prefetch("thumb"))
            context["counterpart"] = pair
            context["counterpart_url"] = pair.get_url(request=request)
        else:
            pair = None
        shown = add_from_hooks(WORK_PAGE_CONTEXT, self, request, context)
        if not (context.get("visit") or context.get("default_visit")):
            context["exhibition"] = self.get_parent().specific
            shown.append(context["exhibition"])
        # A thumbnail's <img> reads its image's alt text even where the page gives alt="".
        prefetch_statuses([self, self.image, self.section, pair, pair and pair.image], shown)
        return context

    def translation_states(self):
        """{language: TranslationState} in every language, German included (see
        `translation_state`; uses the statuses a listing prefetched)."""
        return {lang: object_state(self, lang) for lang in LANGUAGE_CODES}

    def missing_languages(self):
        """Language codes in which at least one text of this work is missing."""
        return [
            lang
            for lang, state in self.translation_states().items()
            if state.status == TranslationStatus.Status.MISSING
        ]

    # Texts visitors search in, in all three languages; the inventory number is not translated.
    # Titles and places are also found by their Pinyin (catalogue/search_keys.py).
    VISITOR_SEARCH_FIELDS = ("title", "caption", "description", "place_name")
    VISITOR_PINYIN_FIELDS = ("title", "place_name")

    def visitor_search_text(self):
        return search_text(
            self,
            self.VISITOR_SEARCH_FIELDS,
            pinyin_fields=self.VISITOR_PINYIN_FIELDS,
            extra=self.inventory_number,
        )

    @property
    def paired_work(self):
        """The counterpart, whichever of the two pages the curator set it on (both, since
        catalogue/counterparts.py keeps them in step; older one-sided pairs are still found)."""
        if self.counterpart_id:
            return self.counterpart
        return WorkPage.objects.filter(counterpart=self).select_related("image").first()

    @staticmethod
    def _size(width, height, depth=None):
        if not (width and height):
            return ""
        parts = [width, height] + ([depth] if depth else [])
        return " × ".join(str(p) for p in parts) + " mm"

    @property
    def image_size(self):
        return self._size(self.image_width_mm, self.image_height_mm)

    @property
    def sheet_size(self):
        return self._size(self.sheet_width_mm, self.sheet_height_mm)

    @property
    def frame_size(self):
        return self._size(self.frame_width_mm, self.frame_height_mm, self.frame_depth_mm)

    @property
    def edition(self):
        """'3/7', '3/7 + 2 AP', 'AP 1/2' or '' when the print is not editioned."""
        if self.is_artist_proof:
            if self.edition_number and self.artist_proofs:
                return f"AP {self.edition_number}/{self.artist_proofs}"
            return "AP"
        if not self.edition_size:
            return ""
        text = f"{self.edition_number or '–'}/{self.edition_size}"
        if self.artist_proofs:
            text += f" + {self.artist_proofs} AP"
        return text
