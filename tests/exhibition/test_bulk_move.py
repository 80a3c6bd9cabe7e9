"""The bulk move of the checklist screen (issue 17): checks every work first, writes in bulk.

Moving 24 works took about 30 queries per work; the number of queries must not grow with the
number of works, the problems of all works come at once, and the history gets one entry per move.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from catalogue.signals import public_content_changed
from exhibition.actions import MOVE_WORK, MOVE_WORKS
from exhibition.models import ChecklistEntry, Crate, TourStop, TransitLeg
from tests.factories import module_data
from tests.factories.catalogue import ImageFactory
from tests.factories.trees import ALL_24, rhine_and_yangtze_tour

from .test_checklist_screen import entries, next_stop_with_leg, post, shown, stop

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tour")]


@module_data
def tour():
    """The demo's 24 works (one shared picture) at Düsseldorf and Chongqing 2024."""
    return rhine_and_yangtze_tour(ALL_24, image=ImageFactory())


def move(client, leg, rows, crate="A"):
    data = [("action", "move"), ("leg", str(leg.pk)), ("crate", crate)]
    return post(client, data + [("entry", str(e.pk)) for e in rows] + shown(entries()))


def undo(bonn, leg):
    bonn.checklist.all().delete()
    for crate in Crate.objects.filter(leg=leg):
        crate.works.clear()
        crate.save()


def test_queries_do_not_grow_with_the_number_of_works(client_for, registrar):
    bonn, leg = next_stop_with_leg()
    rows = entries()
    assert len(rows) == 24
    client = client_for(registrar)
    assert move(client, leg, rows[:2]).status_code == 302  # warm the caches (permissions, types)
    undo(bonn, leg)
    counted = {}
    for count in (4, 24):
        with CaptureQueriesContext(connection) as queries:
            response = move(client, leg, rows[:count])
        assert response.status_code == 302
        assert bonn.checklist.count() == count
        counted[count] = len(queries.captured_queries)
        undo(bonn, leg)
    assert counted[24] <= counted[4], counted


def test_one_history_entry_per_move_names_every_work(client_for, registrar):
    bonn, leg = next_stop_with_leg()
    rows = entries()
    assert move(client_for(registrar), leg, rows).status_code == 302
    logs = ModelLogEntry.objects.filter(action=MOVE_WORKS)
    assert {entry.object_id for entry in logs} == {str(leg.pk), str(bonn.pk)}
    assert not ModelLogEntry.objects.filter(action=MOVE_WORK).exists()
    for entry in logs:
        assert entry.user == registrar
        assert (entry.data["from"], entry.data["to"]) == ("chongqing-2024", "bonn-2025")
        moved = entry.data["works"]
        assert [m["work"] for m in moved] == [e.work.inventory_number for e in rows]
        assert [m["label_number"] for m in moved] == list(range(1, 25))
        assert {m["crate"] for m in moved} == {"A"} and all(
            m["checklist_entry_created"] for m in moved
        )


def test_problems_of_all_works_come_at_once_and_nothing_moves(client_for, registrar):
    bonn, leg = next_stop_with_leg()
    rows = entries()
    on_the_road, elsewhere = rows[2].work, rows[7].work
    # Another leg on the road at the same time carries one work (with a neighbour that does not
    # move: only the works moved may be named).
    other_leg = TransitLeg.objects.create(
        exhibition=leg.exhibition,
        reference="ckg-lender-2025",
        origin=stop(),
        departure=datetime.date(2025, 2, 1),
        arrival=datetime.date(2025, 2, 10),
    )
    crate = Crate.objects.create(
        leg=other_leg, number="Z", width_mm=1, height_mm=1, depth_mm=1, weight_kg=1
    )
    crate.works.add(on_the_road, rows[20].work)
    crate.save()
    # A stop whose dates overlap with Bonn has another work on its checklist.
    cologne = TourStop.objects.create(
        exhibition=bonn.exhibition,
        venue=bonn.venue,
        slug="koeln-2025",
        install_start=datetime.date(2025, 4, 1),
        opening=datetime.date(2025, 4, 5),
        closing=datetime.date(2025, 6, 1),
        deinstall_end=datetime.date(2025, 6, 5),
    )
    ChecklistEntry.objects.create(tour_stop=cologne, work=elsewhere, label_number=1)
    response = move(client_for(registrar), leg, rows[:10])
    assert response.status_code == 200
    errors = [str(m) for m in response.context["messages"]]
    assert len(errors) == 2, errors
    assert str(on_the_road) in errors[0] and "ckg-lender-2025" in errors[0]
    assert str(elsewhere) in errors[1] and "koeln-2025" in errors[1]
    assert not bonn.checklist.exists()
    assert not Crate.objects.get(leg=leg, number="A").works.exists()
    # A crate the leg does not have: said once, not once per work.
    response = move(client_for(registrar), leg, rows[:2], crate="Q")
    assert [str(m).strip() for m in response.context["messages"]] == [
        "Die Etappe ckg-bonn-2025 hat keine Kiste Q."
    ]


def test_works_already_packed_stay_in_their_crate_and_the_public_pages_learn_of_it(
    client_for, registrar, django_capture_on_commit_callbacks
):
    bonn, leg = next_stop_with_leg()
    rows = entries()[:3]
    crate = Crate.objects.get(leg=leg, number="A")
    crate.works.add(rows[1].work)
    crate.save()
    ChecklistEntry.objects.create(tour_stop=bonn, work=rows[1].work, label_number=7)
    heard = []

    def listener(sender, **kwargs):
        heard.append(sender)

    public_content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert move(client_for(registrar), leg, rows).status_code == 302
    finally:
        public_content_changed.disconnect(listener)
    assert ChecklistEntry in heard
    assert sorted(Crate.objects.get(pk=crate.pk).works.values_list("pk", flat=True)) == sorted(
        e.work_id for e in rows
    )
    numbers = dict(bonn.checklist.values_list("work_id", "label_number"))
    # The entry that was there keeps its number; the new ones follow the highest.
    assert numbers == {rows[1].work_id: 7, rows[0].work_id: 8, rows[2].work_id: 9}
