"""Registrar forms that do the work (issue 17): the stop status from the dates, counterparts on
both sides, prefilled condition reports, crate contents, the dashboard panel and the menus."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from catalogue.models import WorkPage
from exhibition.models import TourStop, TransitLeg
from exhibition.models.registrar import WorkLoan
from exhibition.registrar_dashboard import RegistrarPanel, add_registrar_panel
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.exhibition import WorkLoanFactory
from tests.factories.logistics import duesseldorf_to_chongqing, loans
from tests.factories.trees import pair_rivers, rhine_and_yangtze_tour

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]

D = datetime.date


@module_data
def tour():
    """Fifteen of the demo's works (one shared picture), paired BL-R-nn with BL-J-nn, the leg
    Düsseldorf -> Chongqing, loans for the Rhine works and one that ends on 15 January 2027."""
    rhine = [f"BL-R-{i:02d}" for i in (1, 2, 3, 4, 5, 6, 10, 11)]
    yangtze = [f"BL-J-{i:02d}" for i in (2, 3, 4, 6, 7, 10, 11)]
    tour = rhine_and_yangtze_tour((*rhine, *yangtze), image=ImageFactory())
    pair_rivers(tour)
    duesseldorf_to_chongqing(tour)
    loans(w for n, w in tour.works.items() if n.startswith("BL-R-"))
    WorkLoanFactory(work=tour.works["BL-J-04"], ends_on=D(2027, 1, 15))
    return tour


def work(number):
    return WorkPage.objects.get(inventory_number=number)


# -- the stop status follows the dates ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (D(2024, 10, 7), "planned"),
        (D(2024, 10, 8), "installing"),
        (D(2024, 10, 15), "installing"),
        (D(2024, 10, 16), "open"),
        (D(2025, 1, 12), "open"),
        (D(2025, 1, 13), "closed"),
    ],
)
def test_stop_status_follows_the_dates(day, phase):
    chongqing = TourStop.objects.get(slug="chongqing-2024")
    assert chongqing.phase(day) == phase
    assert set(TourStop.objects.in_phase(phase, day)) >= {chongqing}
    others = {p for p in TourStop.Phase.values if p != phase}
    assert not any(chongqing in TourStop.objects.in_phase(p, day) for p in others)


def test_cancelled_is_set_by_hand_and_wins_over_the_dates():
    chongqing = TourStop.objects.get(slug="chongqing-2024")
    chongqing.status = TourStop.Status.CANCELLED
    chongqing.save()
    assert chongqing.phase(D(2024, 11, 1)) == "cancelled"
    assert list(TourStop.objects.in_phase("cancelled")) == [chongqing]


def test_chongqing_no_longer_says_open_in_the_listing(client_for, registrar):
    response = client_for(registrar).get(reverse("wagtailsnippets_exhibition_tourstop:list"))
    row = next(
        r
        for r in response.content.decode().split("<tr")
        if "chongqing-2024" in r or "Chongqing" in r
    )
    assert str(TourStop.Phase.CLOSED.label) in row
    assert str(TourStop.Phase.OPEN.label) not in row
    filtered = client_for(registrar).get(
        reverse("wagtailsnippets_exhibition_tourstop:list"), {"phase": "open"}
    )
    assert "Chongqing" not in filtered.content.decode()


def test_the_stop_form_offers_only_the_cancellation(client_for, registrar):
    chongqing = TourStop.objects.get(slug="chongqing-2024")
    response = client_for(registrar).get(
        reverse("wagtailsnippets_exhibition_tourstop:edit", args=(chongqing.pk,))
    )
    choices = [value for value, _label in response.context["form"].fields["status"].choices]
    assert choices == ["scheduled", "cancelled"]


# -- counterparts both ways -------------------------------------------------------------------


def publish_with_counterpart(page, counterpart):
    page.counterpart = counterpart
    page.full_clean()
    page.save_revision().publish()


def test_setting_a_counterpart_sets_it_on_the_other_work_too():
    publish_with_counterpart(work("BL-R-11"), None)  # frees BL-J-11
    assert work("BL-J-11").counterpart_id is None
    a, b = work("BL-R-10"), work("BL-J-11")
    publish_with_counterpart(a, b)
    b.refresh_from_db()
    assert b.counterpart_id == a.pk
    assert b.get_latest_revision_as_object().counterpart_id == a.pk  # the draft agrees too
    # A's old partner lets go.
    assert work("BL-J-10").counterpart_id is None
    assert work("BL-J-10").paired_work is None


def test_clearing_a_counterpart_clears_both_sides():
    a = work("BL-R-03")
    publish_with_counterpart(a, None)
    assert work("BL-J-03").counterpart_id is None
    assert work("BL-J-03").get_latest_revision_as_object().counterpart_id is None
    assert work("BL-R-03").paired_work is None


def test_both_sides_of_a_demo_pair_point_at_each_other():
    assert work("BL-R-04").counterpart == work("BL-J-04")
    assert work("BL-J-04").counterpart == work("BL-R-04")


def test_a_counterpart_paired_elsewhere_or_itself_is_refused():
    a = work("BL-R-05")
    a.counterpart = work("BL-J-06")  # BL-J-06 belongs to BL-R-06
    with pytest.raises(ValidationError) as err:
        a.full_clean()
    assert str(work("BL-R-06")) in err.value.message_dict["counterpart"][0]
    a.counterpart = a
    with pytest.raises(ValidationError) as err:
        a.full_clean()
    assert "counterpart" in err.value.message_dict


def test_the_counterpart_shows_on_both_edit_forms(client_for, curator):
    client = client_for(curator)
    for number, other in (("BL-R-02", "BL-J-02"), ("BL-J-02", "BL-R-02")):
        response = client.get(reverse("wagtailadmin_pages:edit", args=(work(number).pk,)))
        assert response.context["form"].initial["counterpart"] == work(other).pk


# -- prefilled condition report, crate contents ------------------------------------------------


def test_condition_report_from_the_missing_check_in_list_is_prefilled(client_for, registrar):
    client = client_for(registrar)
    listing = client.get(reverse("tour_missing_check_in")).content.decode()
    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    missing = work("BL-J-07")
    link = (
        reverse("wagtailsnippets_exhibition_conditionreport:add")
        + f"?work={missing.pk}&amp;leg={leg.pk}&amp;kind=check_in"
    )
    assert link in listing
    response = client.get(link.replace("&amp;", "&"))
    initial = response.context["form"].initial
    assert (initial["work"], initial["leg"], initial["kind"]) == (missing.pk, leg.pk, "check_in")
    assert initial["examined_on"]
    hostile = client.get(
        reverse("wagtailsnippets_exhibition_conditionreport:add") + "?work=1%20or%201&leg=-1&kind=x"
    )
    assert hostile.status_code == 200
    assert not {"work", "leg", "kind"} & set(hostile.context["form"].initial)


def test_crate_contents_are_a_searchable_list_of_works(client_for, registrar):
    leg = TransitLeg.objects.get(reference="dus-ckg-2024")
    html = (
        client_for(registrar)
        .get(reverse("wagtailsnippets_exhibition_transitleg:edit", args=(leg.pk,)))
        .content.decode()
    )
    assert "data-searchable-checkboxes" in html
    assert "BL-R-01 · " in html
    assert 'type="checkbox" name="crates-0-works"' in html
    assert "<select multiple" not in html.replace("\n", " ")


# -- dashboard and menus ------------------------------------------------------------------------


def panel_html(user, today):
    request = RequestFactory().get("/admin/")
    request.user = user
    panels = []
    add_registrar_panel(request, panels, today=today)
    return "".join(p.render_html({"request": request}) for p in panels)


def test_registrar_dashboard_lists_legs_missing_check_ins_and_private_totals(registrar):
    chongqing = TourStop.objects.get(slug="chongqing-2024")
    TransitLeg.objects.create(
        exhibition=chongqing.exhibition,
        reference="ckg-studio-2025",
        origin=chongqing,
        departure=D(2025, 1, 20),
        arrival=D(2025, 2, 20),
    )
    html = panel_html(registrar, D(2024, 11, 1))
    assert "ckg-studio-2025" in html  # the next leg
    assert "dus-ckg-2024" in html and "BL-J-07" in html  # arrived without check-in
    assert "EUR" in html  # insurance totals per stop
    assert "ckg-studio-2025" not in panel_html(registrar, D(2025, 3, 1))  # arrived by then
    loan = WorkLoan.objects.filter(ends_on__isnull=False).select_related("work").first()
    day = datetime.timedelta(days=1)
    assert loan.work.inventory_number not in panel_html(registrar, loan.ends_on - 61 * day)
    assert loan.work.inventory_number in panel_html(registrar, loan.ends_on - 60 * day)
    assert loan.work.inventory_number in panel_html(registrar, loan.ends_on)
    assert loan.work.inventory_number not in panel_html(registrar, loan.ends_on + day)


def test_private_values_appear_only_for_the_registrar(client_for, curator, translator, registrar):
    for user in (curator, translator):
        html = client_for(user).get(reverse("wagtailadmin_home")).content.decode()
        assert "registrar-insurance-totals" not in html and "EUR" not in html
    html = client_for(registrar).get(reverse("wagtailadmin_home")).content.decode()
    assert "registrar-insurance-totals" in html and "EUR" in html


def test_logistics_without_private_values_shows_no_totals(make_user, registrar):
    from django.contrib.auth.models import Permission

    courier_desk = make_user("desk")
    courier_desk.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_transitleg"])
    )
    html = panel_html(courier_desk, D(2024, 11, 1))
    assert "BL-J-07" in html and "EUR" not in html
    assert RegistrarPanel(registrar).get_context_data()["private"]


def test_menus_show_only_what_the_role_may_use(client_for, curator, registrar):
    works = reverse("wagtailadmin_home") + "works/"
    assert (
        f'"{works}"' not in client_for(registrar).get(reverse("wagtailadmin_home")).content.decode()
    )
    assert f'"{works}"' in client_for(curator).get(reverse("wagtailadmin_home")).content.decode()
