"""Exhibitions, venues, tour stops and their checklists; the registrar's private data."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

from exhibition.demo import make_default_site_root
from exhibition.models import (
    ChecklistEntry,
    ConditionReport,
    Crate,
    ExhibitionPage,
    HomePage,
    TourStop,
    TransitLeg,
    Venue,
)
from exhibition.models.registrar import Lender, WorkLoan

from .catalogue import PhotographerFactory
from .pages import PageFactory, trilingual


def home_page():
    """The site's home page (created once, as the root of the default site)."""
    home = HomePage.objects.first()
    if home is None:
        from wagtail.models import Page

        home = HomePage(
            slug="leporello", **trilingual("title", "Leporello", "Leporello", "Leporello")
        )
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        home = HomePage.objects.get(pk=home.pk)
    make_default_site_root(home)
    return home


class ExhibitionPageFactory(PageFactory):
    class Meta:
        model = ExhibitionPage

    slug = factory.Sequence(lambda n: f"exhibition-{n}")
    photographer = factory.SubFactory(PhotographerFactory)
    title_de = factory.Sequence(lambda n: f"Ausstellung {n}")
    title_zh_hans = factory.Sequence(lambda n: f"展览 {n}")
    title_en = factory.Sequence(lambda n: f"Exhibition {n}")
    subtitle_de = "Fotografien"
    subtitle_zh_hans = "摄影作品"
    subtitle_en = "Photographs"
    introduction_de = "<p>Eine Ausstellung für Tests.</p>"
    introduction_zh_hans = "<p>用于测试的展览。</p>"
    introduction_en = "<p>An exhibition for tests.</p>"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name_de = factory.Sequence(lambda n: f"Ausstellungsort {n}")
    name_zh_hans = factory.Sequence(lambda n: f"展馆 {n}")
    name_en = factory.Sequence(lambda n: f"Venue {n}")
    city_de = "Düsseldorf"
    city_zh_hans = "杜塞尔多夫"
    city_en = "Düsseldorf"
    address_de = "Beispielstraße 1\n40213 Düsseldorf"
    address_zh_hans = "杜塞尔多夫 Beispielstraße 1号"
    address_en = "Beispielstraße 1\n40213 Düsseldorf, Germany"
    opening_hours_de = "Di–So 11–18 Uhr"
    opening_hours_zh_hans = "周二至周日 11:00–18:00"
    opening_hours_en = "Tue–Sun 11 am – 6 pm"
    country = "DE"
    time_zone = "Europe/Berlin"
    label_language_1 = "de"
    label_language_2 = "zh-hans"
    label_language_3 = "en"


class TourStopFactory(factory.django.DjangoModelFactory):
    """A tour stop; dates default to one open today (install a week before, close in a month)."""

    class Meta:
        model = TourStop

    exhibition = factory.SubFactory(ExhibitionPageFactory)
    venue = factory.SubFactory(VenueFactory)
    slug = factory.Sequence(lambda n: f"stop-{n}")
    opening = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=7))
    install_start = factory.LazyAttribute(lambda o: o.opening - datetime.timedelta(days=3))
    closing = factory.LazyAttribute(lambda o: o.opening + datetime.timedelta(days=60))
    deinstall_end = factory.LazyAttribute(lambda o: o.closing + datetime.timedelta(days=5))


class ChecklistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistEntry

    tour_stop = factory.SubFactory(TourStopFactory)
    sort_order = factory.Sequence(int)
    label_number = factory.LazyAttribute(lambda o: o.sort_order + 1)
    status = ChecklistEntry.Status.ON_VIEW


def hang(stop, works, first_label=1, status=ChecklistEntry.Status.ON_VIEW):
    """Checklist entries for `works` at `stop`, in this hanging order, labels counting up."""
    return [
        ChecklistEntry.objects.create(
            tour_stop=stop,
            work=work,
            sort_order=position,
            label_number=first_label + position,
            status=status,
            room="1",
            wall="ABCD"[position // 3 % 4],
            position=str(position % 3 + 1),
        )
        for position, work in enumerate(works)
    ]


# -- private registrar data ---------------------------------------------------------------------


class LenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lender

    name = factory.Sequence(lambda n: f"Lender {n} (test)")
    notes = "Internal note about this lender."


class WorkLoanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkLoan

    lender = factory.SubFactory(LenderFactory)
    insurance_value = factory.Sequence(lambda n: Decimal(2400 + 150 * n))
    currency = "EUR"
    notes = factory.Sequence(lambda n: f"Internal loan note {n}.")


class TransitLegFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransitLeg

    reference = factory.Sequence(lambda n: f"leg-{n}")
    departure = factory.LazyAttribute(lambda o: o.origin.deinstall_end + datetime.timedelta(days=1))
    arrival = factory.LazyAttribute(lambda o: o.departure + datetime.timedelta(days=2))
    mode = TransitLeg.Mode.ROAD
    carrier = "Test Fine Art Shipping"
    courier = "A. Courier"
    exhibition = factory.LazyAttribute(lambda o: o.origin.exhibition)


class CrateFactory(factory.django.DjangoModelFactory):
    """A crate on `leg`; pass `works=[…]` to pack them."""

    class Meta:
        model = Crate

    leg = factory.SubFactory(TransitLegFactory)
    number = factory.Sequence(lambda n: f"{n + 1}")
    sort_order = factory.Sequence(int)
    width_mm = 900
    height_mm = 720
    depth_mm = 330
    weight_kg = Decimal("62.5")

    @factory.post_generation
    def works(self, create, extracted, **kwargs):
        if create and extracted:
            self.works.set(extracted)
            self.save()  # a ParentalManyToManyField is written on save


class ConditionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionReport

    kind = ConditionReport.Kind.CHECK_OUT
    grade = ConditionReport.Grade.EXCELLENT
    examiner = "M. Examiner"
    examined_on = factory.LazyAttribute(lambda o: o.leg.departure - datetime.timedelta(days=1))


def private_collection(name="Loan agreements (private)"):
    """A collection for loan agreements that only the Registrar group may open."""
    collection = Collection.get_first_root_node().add_child(instance=Collection(name=name))
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Registrar"))
    return collection
