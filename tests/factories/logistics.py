"""The registrar's side of rhine_and_yangtze_tour: the leg Düsseldorf -> Chongqing with the
demo's reference, dates, crates and condition reports, and loans, built with the factories."""

import datetime

from exhibition.models import ConditionReport, TransitLeg

from .exhibition import ConditionReportFactory, CrateFactory, TransitLegFactory, WorkLoanFactory

D = datetime.date.fromisoformat

# The demo's remarks (exhibition/demo_data.py LEGS); every other work is "excellent".
REMARKS = {
    "BL-R-05": ("fair", "Kleine Druckstelle am Rahmen unten links, Glas intakt (Beispiel)."),
    "BL-J-02": ("good", "Leichter Abrieb an der Rahmenkante oben (Beispiel)."),
}


def duesseldorf_to_chongqing(tour, per_crate=4, missing_check_in="BL-J-07"):
    """Leg `dus-ckg-2024` (10–12 Sep 2024, closed): crates "1", "2", … of `per_crate` works each
    in catalogue order, a check-out (28 Aug 2024) for every work and a check-in (8 Oct 2024) for
    every work but `missing_check_in`, as in the demo."""
    leg = TransitLegFactory(
        exhibition=tour.exhibition,
        reference="dus-ckg-2024",
        origin=tour.duesseldorf,
        destination=tour.chongqing,
        departure=D("2024-09-10"),
        arrival=D("2024-09-12"),
        mode=TransitLeg.Mode.AIR,
        status="closed",
    )
    works = sorted(tour.works.values(), key=lambda w: w.catalogue_number)
    for index in range(0, len(works), per_crate):
        CrateFactory(
            leg=leg,
            number=str(index // per_crate + 1),
            sort_order=index // per_crate,
            works=works[index : index + per_crate],
        )
    for work in works:
        grade, notes = REMARKS.get(work.inventory_number, ("excellent", ""))
        ConditionReportFactory(
            work=work, leg=leg, grade=grade, notes=notes, examined_on=D("2024-08-28")
        )
        if work.inventory_number != missing_check_in:
            ConditionReportFactory(
                work=work,
                leg=leg,
                kind=ConditionReport.Kind.CHECK_IN,
                grade=grade,
                notes=notes,
                examined_on=D("2024-10-08"),
            )
    return leg


def loans(works):
    """A loan (WorkLoanFactory: lender, insurance value, notes) for each of `works`."""
    return [WorkLoanFactory(work=work) for work in works]
