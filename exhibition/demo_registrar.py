"""The demo's registrar records (private): loans and lenders, the transit leg with crates and
condition reports, and the loan-agreement collection only registrars may open.

A mixin of DemoBuilder (exhibition.demo); like the rest of the demo it only adds what is missing.
"""

import datetime
import math

from django.contrib.auth.models import Group
from wagtail.log_actions import log
from wagtail.models import Collection, CollectionViewRestriction

from catalogue.models import WorkPage

from . import demo_data
from .models import ConditionReport, Crate, TourStop, TransitLeg
from .models.registrar import Lender, WorkLoan


class RegistrarDemo:
    """Needs `self._note(obj)` (DemoBuilder's list of what was created)."""

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
