"""The part of the database a translation command works on: --exhibition and --tour-stop."""

from django.core.management.base import CommandError

from exhibition.models import ExhibitionPage, TourStop


def add_scope_arguments(parser):
    parser.add_argument("--exhibition", help="slug or id of one exhibition")
    parser.add_argument(
        "--tour-stop", help="short name (e.g. chongqing-2024) or id of one tour stop"
    )


def scope_of(options):
    """(ExhibitionPage or None, TourStop or None) named by the options, each by slug or id.

    CommandError when a name matches nothing; its message lists the names that exist."""
    exhibition = stop = None
    try:
        if options["exhibition"]:
            exhibition = ExhibitionPage.objects.by_name(options["exhibition"])
        if options["tour_stop"]:
            stop = TourStop.objects.by_name(options["tour_stop"])
    except (ExhibitionPage.DoesNotExist, TourStop.DoesNotExist) as error:
        raise CommandError(str(error)) from None
    return exhibition, stop
