"""Legs, crates, condition reports: where a work is, the flags, the rules, the actions, the log."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from catalogue.models import WorkPage
from exhibition.actions import CLOSE_LEG, MOVE_WORK, CloseLeg, MoveWork
from exhibition.locations import Tour
from exhibition.models import (
    ChecklistEntry,
    ConditionReport,
    Crate,
    ExhibitionPage,
    TourStop,
    TransitLeg,
)
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.logistics import duesseldorf_to_chongqing, loans
from tests.factories.trees import ALL_24, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("logistics")]
D = datetime.date.fromisoformat


@module_data
def logistics():
    """The demo's 24 works at Düsseldorf and Chongqing 2024 (one shared picture), the leg between
    them with six crates and condition reports, and a few loans."""
    tour = rhine_and_yangtze_tour(ALL_24, image=ImageFactory())
    duesseldorf_to_chongqing(tour)
    loans([tour.works["BL-R-01"], tour.works["BL-J-05"]])
    return tour


def tour():
    return Tour(ExhibitionPage.objects.get(slug="flusslandschaften"))


def work(number):
    return WorkPage.objects.get(inventory_number=number)


def test_where_is_bl_r_05_on_3_november_2024_and_how_it_left_duesseldorf():
    where = tour().where(work("BL-R-05"), D("2024-11-03"))
    assert where.kind == "venue" and where.stop.slug == "chongqing-2024"
    assert where.detail == "ausgestellt"  # "on view" in German, the default language
    assert where.crate.number == "2" and where.leg.reference == "dus-ckg-2024"
    assert where.check_out.grade == "fair"
    assert where.check_out.examined_on == D("2024-08-28")
    assert "Druckstelle" in where.check_out.notes


@pytest.mark.parametrize(
    ("day", "kind", "place"),
    [
        ("2024-03-01", "lender", None),
        ("2024-06-01", "venue", "duesseldorf-2024"),
        ("2024-09-05", "venue", "duesseldorf-2024"),  # packed, waiting for departure
        ("2024-09-11", "transit", None),
        ("2024-09-20", "venue", "chongqing-2024"),  # arrived, waiting for installation
        ("2024-11-03", "venue", "chongqing-2024"),
    ],
)
def test_location_follows_checklists_and_legs(day, kind, place):
    where = tour().where(work("BL-J-05"), D(day))
    assert where.kind == kind
    if place:
        assert where.stop.slug == place
    if kind == "transit":
        assert where.crate.number == "5"


def test_demo_records_are_consistent_and_one_check_in_is_missing():
    t = tour()
    assert t.inconsistencies() == []
    missing = t.missing_check_ins(D("2025-01-01"))
    assert [(w.inventory_number, crate.number) for w, _leg, crate in missing] == [("BL-J-07", "5")]


def test_flags_a_work_at_the_next_stop_without_a_leg():
    crate = Crate.objects.get(leg__reference="dus-ckg-2024", number="1")
    crate.works.remove(work("BL-R-01"))
    crate.save()
    kinds = {(p.kind, p.work and p.work.inventory_number) for p in tour().inconsistencies()}
    assert ("no_leg", "BL-R-01") in kinds


def test_flags_a_leg_that_arrives_after_the_next_stop_opens():
    TransitLeg.objects.filter(reference="dus-ckg-2024").update(arrival=D("2024-10-20"))
    messages = [p.message for p in tour().inconsistencies() if p.kind == "late_arrival"]
    assert len(messages) == 1 and "chongqing-2024" in messages[0]


def test_flags_a_work_on_two_overlapping_stops():
    # Bypass the forms' rule as an import or a direct database edit could.
    TourStop.objects.filter(slug="duesseldorf-2024").update(deinstall_end=D("2024-10-10"))
    t = tour()
    flagged = {p.work.inventory_number for p in t.inconsistencies() if p.kind == "two_stops"}
    assert len(flagged) == 24
    assert t.where(work("BL-R-01"), D("2024-10-09")).conflicts


# -- bad input: form errors that say what is wrong, nothing saved -------------------------------
# The admin speaks German unless a user picks another language, so the messages are German here.

LEG_ADD = "wagtailsnippets_exhibition_transitleg:add"


def leg_form(reference="ckg-back-2025", departure="2025-01-20", arrival="2025-02-10", crates=()):
    crates = list(crates)
    data = nested_form_data(
        {
            "exhibition": ExhibitionPage.objects.get(slug="flusslandschaften").pk,
            "reference": reference,
            "status": "planned",
            "origin": TourStop.objects.get(slug="chongqing-2024").pk,
            "destination": "",
            "departure": departure,
            "arrival": arrival,
            "mode": "sea",
            "carrier": "",
            "courier": "",
            "crates": inline_formset(
                [{k: v for k, v in c.items() if k != "works"} for c in crates]
            ),
        }
    )
    for index, c in enumerate(crates):  # a multiple choice is one key with several values
        data[f"crates-{index}-works"] = c["works"]
    return data


def crate(number="1", works=(), width=900):
    return {
        "number": number,
        "width_mm": width,
        "height_mm": 700,
        "depth_mm": 300,
        "weight_kg": "50.0",
        "works": [work(n).pk for n in works],
    }


def test_registrar_adds_a_leg_with_crates_and_it_is_logged(client_for, registrar):
    response = client_for(registrar).post(
        reverse(LEG_ADD), leg_form(crates=[crate("1", ["BL-R-01", "BL-R-02"])])
    )
    assert response.status_code == 302
    leg = TransitLeg.objects.get(reference="ckg-back-2025")
    assert sorted(w.inventory_number for w in leg.works()) == ["BL-R-01", "BL-R-02"]
    entry = ModelLogEntry.objects.get_for_model(TransitLeg).get(object_id=str(leg.pk))
    assert entry.action == "wagtail.create" and entry.user == registrar


@pytest.mark.parametrize(
    ("form", "field_text"),
    [
        (lambda: leg_form(departure="2025-02-10", arrival="2025-01-20"), "liegt vor der Abfahrt"),
        (lambda: leg_form(crates=[crate(width=-5)]), "width_mm"),
        (
            lambda: leg_form(crates=[crate("1", ["BL-R-01"]), crate("2", ["BL-R-01"])]),
            "ist schon in Kiste 1",
        ),
        (
            # Django's own unique check of the inline answers first ("duplicate values").
            lambda: leg_form(crates=[crate("7", ["BL-R-01"]), crate("7", ["BL-R-02"])]),
            "doppelten Werte",
        ),
        (
            lambda: leg_form(
                departure="2024-09-11", arrival="2024-09-15", crates=[crate("9", ["BL-R-01"])]
            ),
            "schon auf der Etappe",
        ),
        # Crate 1 is on dus-ckg-2024 (10–12 Sep 2024): a leg on the same days cannot have it.
        (
            lambda: leg_form(departure="2024-09-11", arrival="2024-09-15", crates=[crate("1")]),
            "Kiste 1 ist zur selben Zeit schon auf der Etappe",
        ),
    ],
)
def test_bad_leg_is_a_form_error_and_nothing_is_saved(client_for, registrar, form, field_text):
    before = (TransitLeg.objects.count(), Crate.objects.count())
    response = client_for(registrar).post(reverse(LEG_ADD), form())
    assert response.status_code == 200
    form = response.context["form"]
    errors = str(form.errors) + str(form.formsets["crates"].errors)
    assert field_text in errors
    assert (TransitLeg.objects.count(), Crate.objects.count()) == before


def test_check_in_before_check_out_is_refused():
    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    report = ConditionReport(
        work=work("BL-J-07"),
        leg=leg,
        kind=ConditionReport.Kind.CHECK_IN,
        grade="good",
        examiner="X",
        examined_on=D("2024-08-01"),
    )
    with pytest.raises(ValidationError) as err:
        report.full_clean()
    assert "vor dem Ausgangsprotokoll" in err.value.message_dict["examined_on"][0]


def test_condition_report_form_error_in_the_admin(client_for, registrar):
    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    before = ConditionReport.objects.count()
    response = client_for(registrar).post(
        reverse("wagtailsnippets_exhibition_conditionreport:add"),
        nested_form_data(
            {
                "work": work("BL-J-07").pk,
                "leg": leg.pk,
                "kind": "check_in",
                "grade": "good",
                "notes": "",
                "examiner": "X",
                "examined_on": "2024-08-01",
                "photos": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "vor dem Ausgangsprotokoll" in response.content.decode()
    assert ConditionReport.objects.count() == before


# -- actions: one transaction, permission-checked, in the audit log ----------------------------


def test_close_leg_needs_every_check_in_unless_told(registrar):
    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    TransitLeg.objects.filter(pk=leg.pk).update(status="under_way")
    leg.refresh_from_db()
    ChecklistEntry.objects.filter(tour_stop__slug="chongqing-2024").update(status="planned")
    with pytest.raises(ValidationError, match="BL-J-07"):
        CloseLeg(leg, registrar).execute()
    assert TransitLeg.objects.get(pk=leg.pk).status == "under_way"
    assert CloseLeg(leg, registrar, allow_missing_check_in=True).execute() == 24
    assert TransitLeg.objects.get(pk=leg.pk).status == "closed"
    entry = ModelLogEntry.objects.filter(action=CLOSE_LEG).get()
    assert entry.user == registrar and entry.data["closed_without_check_in"] == ["BL-J-07"]


def test_curator_may_not_close_a_leg(curator):
    from django.core.exceptions import PermissionDenied

    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    with pytest.raises(PermissionDenied):
        CloseLeg(leg, curator).execute()


def test_move_work_through_the_admin_is_one_logged_step(client_for, registrar):
    bonn = TourStop.objects.create(
        exhibition=ExhibitionPage.objects.get(slug="flusslandschaften"),
        venue=TourStop.objects.get(slug="duesseldorf-2024").venue,
        slug="bonn-2025",
        install_start=D("2025-03-01"),
        opening=D("2025-03-05"),
        closing=D("2025-05-01"),
        deinstall_end=D("2025-05-06"),
    )
    leg = TransitLeg.objects.create(
        exhibition=bonn.exhibition,
        reference="ckg-bonn-2025",
        origin=TourStop.objects.get(slug="chongqing-2024"),
        destination=bonn,
        departure=D("2025-01-20"),
        arrival=D("2025-02-20"),
    )
    Crate.objects.create(leg=leg, number="1", width_mm=1, height_mm=1, depth_mm=1, weight_kg=1)
    response = client_for(registrar).post(
        reverse("tour_move_work"), {"work": work("BL-J-01").pk, "leg": leg.pk, "crate": "1"}
    )
    assert response.status_code == 302
    assert bonn.checklist.get().work.inventory_number == "BL-J-01"
    assert [w.inventory_number for w in leg.works()] == ["BL-J-01"]
    logs = ModelLogEntry.objects.filter(action=MOVE_WORK)
    assert {entry.object_id for entry in logs} == {str(leg.pk), str(bonn.pk)}
    assert all(e.user == registrar and e.data["to"] == "bonn-2025" for e in logs)
    # A crate that is not on the leg: an error, nothing changed.
    with pytest.raises(ValidationError, match="keine Kiste 7"):
        MoveWork(work("BL-J-02"), leg, "7", registrar).execute()
    assert bonn.checklist.count() == 1


# -- the admin answers "where is work X on 3 November 2024" ------------------------------------


def test_where_report_in_the_admin(client_for, registrar):
    response = client_for(registrar).get(
        reverse("tour_where"), {"date": "2024-11-03", "work": work("BL-R-05").pk}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "chongqing-2024" in html and "dus-ckg-2024" in html
    assert "Druckstelle" in html and "2024-08-28" in html


@pytest.mark.parametrize(
    "name", ["tour_where", "tour_timeline", "tour_missing_check_in", "tour_totals"]
)
def test_tour_views_are_for_registrars_only(client_for, curator, registrar, name):
    assert client_for(curator).get(reverse(name)).status_code in (302, 403)
    assert client_for(registrar).get(reverse(name)).status_code == 200


def test_timeline_marks_today_and_conflicts(client_for, registrar):
    TransitLeg.objects.filter(reference="dus-ckg-2024").update(arrival=D("2024-10-20"))
    html = client_for(registrar).get(reverse("tour_timeline")).content.decode()
    assert "<svg" in html and 'class="today"' in html
    assert 'class="leg conflict"' in html


def test_missing_check_in_list(client_for, registrar):
    html = client_for(registrar).get(reverse("tour_missing_check_in")).content.decode()
    assert "BL-J-07" in html and "BL-J-06" not in html


def test_totals_per_stop_and_leg_for_registrars(client_for, registrar):
    from exhibition.models.registrar import WorkLoan

    total = sum(loan.insurance_value for loan in WorkLoan.objects.all())
    html = client_for(registrar).get(reverse("tour_totals")).content.decode()
    assert f"EUR {total:,.2f}" in html


def test_close_leg_command_uses_the_same_action(registrar):
    from io import StringIO

    from django.core.management import CommandError, call_command

    TransitLeg.objects.filter(reference="dus-ckg-2024").update(status="under_way")
    with pytest.raises(CommandError, match="BL-J-07"):
        call_command("close_leg", "dus-ckg-2024", "--user", registrar.username)
    with pytest.raises(CommandError, match="No transit leg"):
        call_command("close_leg", "nowhere", "--user", registrar.username)
    call_command(
        "close_leg",
        "dus-ckg-2024",
        "--user",
        registrar.username,
        "--allow-missing-check-in",
        stdout=StringIO(),
    )
    assert TransitLeg.objects.get(reference="dus-ckg-2024").status == "closed"
    assert ModelLogEntry.objects.filter(action=CLOSE_LEG, user=registrar).exists()


def test_move_work_command_refuses_a_curator(curator):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("move_work", "BL-J-01", "dus-ckg-2024", "1", "--user", curator.username)


@pytest.mark.parametrize(
    "name",
    [
        "wagtailsnippets_exhibition_transitleg:list",
        "wagtailsnippets_exhibition_conditionreport:list",
        "tour_move_work",
    ],
)
def test_logistics_snippets_are_for_registrars_only(
    client_for, curator, translator, registrar, name
):
    for user in (curator, translator):
        assert client_for(user).get(reverse(name)).status_code in (302, 403)
    assert client_for(registrar).get(reverse(name)).status_code == 200


def test_rule_messages_exist_in_chinese():
    from django.utils import translation

    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    leg.arrival = D("2024-09-01")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as err:
        leg.full_clean()
    assert "早于出发日期" in err.value.message_dict["arrival"][0]
