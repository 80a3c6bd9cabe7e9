"""Builds the demo exhibition in code, idempotently: running it twice leaves the same objects.

Existing objects are found by stable keys (slugs, inventory numbers) and left as curators edited
them; only what is missing is created.
"""

import datetime
import hashlib
import io
import math

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps
from wagtail.log_actions import log
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from catalogue.models import CatalogueImage, Photographer, Section, WorkPage

from . import demo_data
from .demo_photos import demo_photograph
from .models import (
    ChecklistEntry,
    ConditionReport,
    Crate,
    ExhibitionPage,
    HomePage,
    TourStop,
    TransitLeg,
    Venue,
)
from .models.registrar import Lender, WorkLoan

PLACEHOLDER_SIZE = (2400, 1600)
# Demo photographs (exhibition.demo_photos): most are sRGB JPEGs; these come as labs deliver
# them, and a few at 2.5 times the size (6000 × 4000 = 24 MP by default) for file sizes and zoom.
DEMO_ENCODINGS = {"BL-R-02": "adobe-rgb", "BL-R-07": "cmyk", "BL-J-04": "grey16"}
LARGE_DEMO_PHOTOS = ("BL-R-01", "BL-R-02", "BL-J-01")


def _translated(values):
    """{'de': …, 'zh-hans': …} -> {'title_de': …} style keyword arguments, given a field name."""

    def for_field(field):
        return {build_localized_fieldname(field, lang): text for lang, text in values.items()}

    return for_field


def _tr(field, values):
    return _translated(values)(field)


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


class DemoBuilder:
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
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name="Leporello"
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.save()
            # Wagtail's "Welcome to your new Wagtail site!" page is of no use once replaced.
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
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

    def _placeholder(self, work_data):
        title = f"Platzhalter {work_data['inventory_number']}"
        image = CatalogueImage.objects.filter(title=title, is_placeholder=True).first()
        if image is None:
            inventory = work_data["inventory_number"]
            encoding = DEMO_ENCODINGS.get(inventory, "srgb")
            large = inventory in LARGE_DEMO_PHOTOS
            size = (
                tuple(round(side * 2.5) for side in self.image_size) if large else self.image_size
            )
            content, extension = demo_photograph(inventory, size, encoding, work_data["section"])
            image = CatalogueImage(
                title=title,
                is_placeholder=True,
                photographer_credit="Leporello demo",
                copyright="Placeholder image, no rights claimed",
                **_tr(
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
                    image=self._placeholder(data),
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

    def loans(self, works):
        lenders = {}
        for key, name in demo_data.LENDERS.items():
            lenders[key], created = Lender.objects.get_or_create(
                name=name, defaults={"notes": "Beispiel-Leihgeber für die Demo."}
            )
            if created:
                self._note(lenders[key])
        for work, data in works.values():
            ends = demo_data.LOAN_ENDS.get(data["lender"])
            WorkLoan.objects.get_or_create(
                work=work,
                defaults={
                    "lender": lenders[data["lender"]],
                    "insurance_value": data["insurance_value"],
                    "currency": "EUR",
                    "ends_on": ends and datetime.date.fromisoformat(ends),
                    "notes": f"Demo: interne Notiz zu {data['inventory_number']}.",
                },
            )

    # -- logistics (issue 5) ---------------------------------------------------------------

    def logistics(self, exhibition):
        """The leg Düsseldorf -> Chongqing with crates and condition reports, if not there yet."""
        works = list(WorkPage.objects.child_of(exhibition).specific().in_catalogue_order())
        for data in demo_data.LEGS:
            if TransitLeg.objects.filter(reference=data["reference"]).exists():
                continue
            leg = TransitLeg(
                exhibition=exhibition,
                reference=data["reference"],
                origin=TourStop.objects.get(slug=data["origin"]),
                destination=TourStop.objects.get(slug=data["destination"]),
                departure=datetime.date.fromisoformat(data["departure"]),
                arrival=datetime.date.fromisoformat(data["arrival"]),
                mode=data["mode"],
                carrier=data["carrier"],
                courier=data["courier"],
                status=data["status"],
            )
            leg.full_clean()
            leg.save()
            per_crate = math.ceil(len(works) / len(data["crates"]))
            for index, crate_data in enumerate(data["crates"]):
                width, height, depth = crate_data["size"]
                crate = Crate.objects.create(
                    leg=leg,
                    sort_order=index,
                    number=crate_data["number"],
                    width_mm=width,
                    height_mm=height,
                    depth_mm=depth,
                    weight_kg=crate_data["weight_kg"],
                )
                crate.works.set(works[index * per_crate : (index + 1) * per_crate])
                crate.save()  # a ParentalManyToManyField is written on save
            for work in works:
                grade, notes = data["remarks"].get(work.inventory_number, ("excellent", ""))
                kinds = [("check_out", ConditionReport.Kind.CHECK_OUT)]
                if work.inventory_number != data["missing_check_in"]:
                    kinds.append(("check_in", ConditionReport.Kind.CHECK_IN))
                for key, kind in kinds:
                    report = ConditionReport(
                        work=work,
                        leg=leg,
                        kind=kind,
                        grade=grade,
                        notes=notes,
                        examiner=data[key]["examiner"],
                        examined_on=datetime.date.fromisoformat(data[key]["date"]),
                    )
                    report.full_clean()
                    report.save()
            log(leg, "wagtail.create")
            self._note(leg)

    def private_collection(self):
        """A collection for loan agreements that only the Registrar group may open."""
        root = Collection.get_first_root_node()
        name = demo_data.LOAN_AGREEMENT_COLLECTION
        collection = root.get_children().filter(name=name).first()
        if collection is None:
            collection = root.add_child(instance=Collection(name=name))
            self._note(collection)
        if not CollectionViewRestriction.objects.filter(collection=collection).exists():
            restriction = CollectionViewRestriction.objects.create(
                collection=collection, restriction_type=CollectionViewRestriction.GROUPS
            )
            restriction.groups.set(Group.objects.filter(name="Registrar"))
        return collection


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
