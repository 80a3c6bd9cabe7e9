from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from wagtail.search.models import IndexEntry

from catalogue.models import CatalogueImage, Photographer, Section, WorkPage
from exhibition.models import ChecklistEntry, ExhibitionPage, HomePage, TourStop, Venue
from exhibition.models.registrar import Lender, WorkLoan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MODELS = [
    WorkPage,
    CatalogueImage,
    Section,
    Photographer,
    ExhibitionPage,
    HomePage,
    Venue,
    TourStop,
    ChecklistEntry,
    Lender,
    WorkLoan,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def wipe_demo():
    """Start from an empty site (the shared test demo is rolled back after this test)."""
    from exhibition.models import ConditionReport, TransitLeg

    ConditionReport.objects.all().delete()
    TransitLeg.objects.all().delete()
    TourStop.objects.all().delete()
    WorkLoan.objects.all().delete()
    Lender.objects.all().delete()
    for home in HomePage.objects.all():
        home.get_descendants().delete()
    Venue.objects.all().delete()
    CatalogueImage.objects.all().delete()
    Section.objects.all().delete()
    Photographer.objects.all().delete()
    assert WorkPage.objects.count() == 0


# Renditions queued in the database, as `make run` has it (the tests' settings make them at once,
# which for the full-size photographs cost most of this test's time).
QUEUED_RENDITIONS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "printing": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "renditions": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


@override_settings(LEPORELLO_DEMO_USERS=True, TASKS=QUEUED_RENDITIONS)
def test_load_demo_builds_the_exhibition_once():
    wipe_demo()
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert "leporello-demo" in out.getvalue()  # the login is printed in development
    assert get_user_model().objects.get(username="admin").is_superuser

    exhibition = ExhibitionPage.objects.get()
    assert exhibition.title_de == "Flusslandschaften an Rhein und Jangtse"
    assert exhibition.title_zh_hans and exhibition.title_en
    assert exhibition.photographer.name_de == "Bernard Langerock"
    works = WorkPage.objects.live()
    assert works.count() >= 24
    by_section = {s.slug: works.filter(section=s).count() for s in Section.objects.all()}
    assert by_section["rhein"] >= 12 and by_section["jangtse"] >= 12
    for work in works:
        assert work.is_sample
        assert work.title_de and work.title_zh_hans and work.caption_de and work.caption_zh_hans
        assert work.image.is_placeholder
        assert max(work.image.width, work.image.height) >= 2000
    stops = {s.slug: s for s in TourStop.objects.all()}
    assert stops["duesseldorf-2024"].phase() == "closed"
    # Closed since January 2025: derived from the dates, never typed as "open".
    assert stops["chongqing-2024"].phase() == "closed"
    assert stops["duesseldorf-2024"].opening.year == 2024
    assert stops["chongqing-2024"].opening.strftime("%Y-%m") == "2024-10"
    assert stops["chongqing-2024"].venue.label_languages[0] == "zh-hans"
    assert WorkLoan.objects.filter(insurance_value__gt=0).count() == works.count()


def test_placeholder_images_are_deterministic():
    from exhibition.demo import placeholder_jpeg

    assert placeholder_jpeg("BL-R-01", "x", (300, 200)) == placeholder_jpeg(
        "BL-R-01", "x", (300, 200)
    )
    assert placeholder_jpeg("BL-R-01", "x", (300, 200)) != placeholder_jpeg(
        "BL-R-02", "x", (300, 200)
    )


def test_no_demo_logins_outside_development():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert not get_user_model().objects.filter(username="admin").exists()
    assert "createsuperuser" in out.getvalue()


def links(client, lang, query):
    response = client.get(f"/{lang}/search/", {"q": query})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [li.a["href"] for li in page.select(".search-results li")]


def test_load_demo_writes_the_search_index_anew(client):
    # An index written by an older version of the search keys (here: none at all for one work).
    work = WorkPage.objects.get(inventory_number="BL-R-03")
    IndexEntry.objects.filter(object_id=str(work.pk)).delete()
    assert "/de/flusslandschaften/bl-r-03/" not in links(client, "de", "Koeln")
    call_command("load_demo", verbosity=0)
    assert "/de/flusslandschaften/bl-r-03/" in links(client, "de", "Koeln")
