"""Builds the demo exhibition in code, idempotently: running it twice leaves the same objects.

Existing objects are found by stable keys (slugs, inventory numbers) and left as curators edited
them; only what is missing is created. Its pictures come from `demo_images`, its private registrar
records from `demo_registrar`, its content from `demo_data`.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Page, Site

from catalogue.models import Photographer, Section, WorkPage

from . import demo_data
from .demo_data import translated_fields as _tr

# Importable from here as before (load_demo, tests, benchmarks): the pictures live in demo_images.
from .demo_images import (  # noqa: F401
    DEMO_ENCODINGS,
    LARGE_DEMO_PHOTOS,
    PLACEHOLDER_SIZE,
    placeholder_image,
    placeholder_jpeg,
)
from .demo_registrar import RegistrarDemo
from .models import ChecklistEntry, ExhibitionPage, HomePage, TourStop, Venue


def make_default_site_root(page):
    """Make `page` the root of the default site, creating the site (localhost) if there is none.

    Wagtail's "Welcome to your new Wagtail site!" page is deleted once replaced, if nothing was
    added under it. The demo and the tests' factories build their home page this way.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=page, is_default_site=True, site_name="Leporello"
        )
    elif site.root_page_id != page.pk:
        old_root = site.root_page
        site.root_page = page
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()


class DemoBuilder(RegistrarDemo):
    """The demo exhibition: public content here, registrar records in RegistrarDemo."""

    def __init__(self, image_size=PLACEHOLDER_SIZE):
        self.image_size = image_size
        self.created = []

    def _note(self, obj):
        self.created.append(f"{obj._meta.verbose_name}: {obj}")

    @transaction.atomic
    def build(self):
        photographer = self.photographer()
        sections = self.sections()
        home = self.home_page()
        exhibition = self.exhibition(home, photographer, sections)
        works = self.works(exhibition, sections)
        self.pair_counterparts(works)
        venues = self.venues()
        self.tour_stops(exhibition, venues, works)
        self.loans(works)
        self.logistics(exhibition)
        self.private_collection()
        return self.created

    def photographer(self):
        data = demo_data.PHOTOGRAPHER
        photographer = Photographer.objects.filter(sort_name=data["sort_name"]).first()
        if photographer is None:
            photographer = Photographer.objects.create(
                sort_name=data["sort_name"],
                **_tr("name", data["name"]),
                **_tr("biography", data["biography"]),
            )
            self._note(photographer)
        return photographer

    def sections(self):
        result = {}
        for data in demo_data.SECTIONS:
            section, created = Section.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "sort_order": data["sort_order"],
                    **_tr("title", data["title"]),
                    **_tr("river", data["river"]),
                },
            )
            if created:
                self._note(section)
            result[data["slug"]] = section
        return result

    def home_page(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(
                slug="leporello",
                **_tr("title", {"de": "Leporello", "zh-hans": "Leporello", "en": "Leporello"}),
                **_tr(
                    "introduction",
                    {
                        "de": "Ausstellungen und ihre Tourneen.",
                        "zh-hans": "展览及其巡展。",
                        "en": "Exhibitions and their tours.",
                    },
                ),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self._note(home)
        make_default_site_root(home)
        return home

    def exhibition(self, home, photographer, sections):
        data = demo_data.EXHIBITION
        exhibition = ExhibitionPage.objects.filter(slug=data["slug"]).first()
        if exhibition is None:
            exhibition = ExhibitionPage(
                slug=data["slug"],
                photographer=photographer,
                **_tr("title", data["title"]),
                **_tr("subtitle", data["subtitle"]),
                **_tr("introduction", data["introduction"]),
            )
            home.add_child(instance=exhibition)
            exhibition.sections.set(sections.values())
            exhibition.save_revision().publish()
            self._note(exhibition)
        return exhibition

    def works(self, exhibition, sections):
        result = {}
        existing = {w.inventory_number: w for w in WorkPage.objects.all()}
        for data in demo_data.works():
            work = existing.get(data["inventory_number"])
            if work is None:
                work = WorkPage(
                    slug=data["inventory_number"].lower(),
                    inventory_number=data["inventory_number"],
                    section=sections[data["section"]],
                    catalogue_number=data["catalogue_number"],
                    year=data["year"],
                    is_sample=True,
                    image=placeholder_image(data, self.image_size),
                    **{
                        key: data[key]
                        for key in (
                            "image_width_mm",
                            "image_height_mm",
                            "sheet_width_mm",
                            "sheet_height_mm",
                            "frame_width_mm",
                            "frame_height_mm",
                            "frame_depth_mm",
                            "edition_number",
                            "edition_size",
                            "artist_proofs",
                        )
                    },
                    **_tr("title", data["title"]),
                    **_tr("caption", data["caption"]),
                    **_tr("place_name", data["place_name"]),
                    **_tr("medium", data["medium"]),
                    **_tr("credit_line", data["credit_line"]),
                )
                exhibition.add_child(instance=work)
                work.save_revision().publish()
                self._note(work)
            result[data["inventory_number"]] = (work, data)
        return result

    def pair_counterparts(self, works):
        for i in range(1, 13):
            rhine, _ = works[f"BL-R-{i:02d}"]
            yangtze, _ = works[f"BL-J-{i:02d}"]
            if rhine.counterpart_id is None and yangtze.counterpart_id is None:
                # Both sides, as catalogue/counterparts.py keeps pairs set in the admin.
                WorkPage.objects.filter(pk=rhine.pk).update(counterpart=yangtze)
                WorkPage.objects.filter(pk=yangtze.pk).update(counterpart=rhine)

    def venues(self):
        result = {}
        for data in demo_data.VENUES:
            venue = Venue.objects.filter(name_de=data["name"]["de"]).first()
            if venue is None:
                langs = data["label_languages"] + ["", ""]
                venue = Venue.objects.create(
                    country=data["country"],
                    time_zone=data["time_zone"],
                    label_language_1=langs[0],
                    label_language_2=langs[1],
                    label_language_3=langs[2],
                    **_tr("name", data["name"]),
                    **_tr("city", data["city"]),
                    **_tr("address", data["address"]),
                    **_tr("opening_hours", data["opening_hours"]),
                )
                self._note(venue)
            result[data["key"]] = venue
        return result

    def tour_stops(self, exhibition, venues, works):
        for data in demo_data.TOUR_STOPS:
            stop = TourStop.objects.filter(slug=data["slug"]).first()
            if stop is not None:
                continue
            stop = TourStop(
                exhibition=exhibition,
                venue=venues[data["venue"]],
                slug=data["slug"],
                **{
                    key: datetime.date.fromisoformat(data[key])
                    for key in ("install_start", "opening", "closing", "deinstall_end")
                },
            )
            stop.full_clean()
            stop.save()
            ordered = sorted(
                (w for w, _ in works.values()),
                key=lambda w: (w.section.slug != data["first_section"], w.catalogue_number),
            )
            on_view = (
                ChecklistEntry.Status.ON_VIEW
                if stop.phase() in (TourStop.Phase.OPEN, TourStop.Phase.CLOSED)
                else ChecklistEntry.Status.PLANNED
            )
            for position, work in enumerate(ordered):
                ChecklistEntry.objects.create(
                    tour_stop=stop,
                    work=work,
                    sort_order=position,
                    label_number=data["first_label"] + position,
                    status=on_view,
                    room="1" if position < 12 else "2",
                    wall="ABCD"[position % 12 // 3],
                    position=str(position % 3 + 1),
                )
            self._note(stop)


def ensure_demo_users():
    """Demo logins for dev settings: admin (superuser) and one user per group."""
    if not settings.LEPORELLO_DEMO_USERS:
        return []
    User = get_user_model()
    made = []
    for username, group_name in demo_data.DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.org", is_staff=True)
            user.is_superuser = group_name is None
            user.set_password(demo_data.DEMO_PASSWORD)
            user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        made.append(username)
    return made
