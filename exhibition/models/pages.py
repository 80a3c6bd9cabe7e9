from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from catalogue.models import Photographer, Section, WorkPage
from catalogue.models.images import renditions_prefetch
from catalogue.models.translation_state import prefetch_statuses
from catalogue.page_context import EXHIBITION_PAGE_CONTEXT, add_from_hooks
from catalogue.paging import NoSuchPage, first_page_url, paginate

from .querysets import ExhibitionPageManager


def route_to_child(parent, children, request, path_components):
    """Wagtail's `Page.route` for a parent whose children are all of one page type: the child
    read from `children` (a queryset of that type, with what its page shows) in one query,
    where Wagtail reads it as a Page and then its specific row. Any other child (or none) goes
    the usual way."""
    if path_components:
        child = children.child_of(parent).filter(slug=path_components[0]).first()
        if child is not None:
            child._cached_parent_obj = parent
            return child.route(request, path_components[1:])
    return Page.route(parent, request, path_components)


class HomePage(Page):
    """The site's root: lists the exhibitions Leporello runs."""

    introduction = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["exhibition.ExhibitionPage"]
    max_count = 1

    content_panels = [TitleFieldPanel("title"), FieldPanel("introduction")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["exhibitions"] = ExhibitionPage.objects.child_of(self).live().public()
        return context

    def route(self, request, path_components):
        return route_to_child(self, ExhibitionPage.objects.all(), request, path_components)


class ExhibitionPage(Page):
    """An exhibition: its texts, photographer and sections; its works are child pages."""

    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    introduction = RichTextField(
        _("introduction"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    photographer = models.ForeignKey(
        Photographer,
        verbose_name=_("photographer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exhibitions",
    )
    sections = ParentalManyToManyField(Section, verbose_name=_("sections"), blank=True)
    cover_image = models.ForeignKey(
        "catalogue.CatalogueImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ExhibitionPageManager()

    parent_page_types = ["exhibition.HomePage"]
    subpage_types = ["catalogue.WorkPage"]

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("subtitle"),
        FieldPanel("introduction"),
        FieldPanel("photographer"),
        FieldPanel("sections"),
        FieldPanel("cover_image"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("introduction"),
    ]

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def works(self):
        return (
            WorkPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image", "section")
            .in_catalogue_order()
        )

    def get_context(self, request, *args, **kwargs):
        """What the exhibition page shows, read here and not by its template (habit 13): the
        exhibition's works in catalogue order, one page of them (`?page=`, catalogue.paging)
        grouped by section, with their thumbnails; the photographer; what apps add through
        EXHIBITION_PAGE_CONTEXT. Raises NoSuchPage for a page that does not exist."""
        context = super().get_context(request, *args, **kwargs)
        page = paginate(request, self.works().prefetch_related(renditions_prefetch("thumb")))
        works = list(page.object_list)
        sections = list(self.sections.order_by("sort_order"))
        context["page_of_works"] = page
        by_section = [
            (section, [w for w in works if w.section_id == section.pk]) for section in sections
        ]
        # Later pages show only the sections their works belong to.
        context["sections"] = [(s, w) for s, w in by_section if w or page.number == 1]
        # Apps above add theirs (visitor: the tour, `tour`); every text's status in one query.
        context["tour"] = {"stop": None, "status": "", "all": []}
        shown = add_from_hooks(EXHIBITION_PAGE_CONTEXT, self, request, context)
        prefetch_statuses(
            [self, self.photographer],
            works,
            [w.image for w in works if w.image_id],
            sections,
            shown,
        )
        return context

    def route(self, request, path_components):
        # The work page shows its image (and its deep zoom) and section: in the same query.
        works = WorkPage.objects.select_related("image__deep_zoom", "section")
        return route_to_child(self, works, request, path_components)

    def serve(self, request, *args, **kwargs):
        try:
            return super().serve(request, *args, **kwargs)
        except NoSuchPage:
            return redirect(first_page_url(request))
