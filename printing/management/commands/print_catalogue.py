from django.utils.translation import gettext as _

from printing import cli
from printing.lookup import find_exhibition_or_stop
from printing.options import PROFILES, parse_choice, parse_languages
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue


class Command(cli.PrintCommand):
    help = (
        "Catalogue PDF of an exhibition or of one tour stop: cover, title page, introduction, "
        "one plate per work, checklist, colophon, contents with page numbers and bookmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "target", help="the exhibition (slug or page id) or a tour stop (slug or id)"
        )
        parser.add_argument(
            "--languages",
            default="de,zh-hans",
            help="one or two of de, zh-hans, en in print order, e.g. de,zh-hans (default), "
            "zh-hans,en",
        )
        cli.add_arguments(parser)

    def render(self, options):
        exhibition, stop = find_exhibition_or_stop(options["target"])
        catalogue_options = PrintedCatalogueOptions(
            languages=parse_languages(options["languages"]),
            profile=parse_choice(options["profile"], tuple(PROFILES), _("profile")),
            placeholders=options["placeholders"],
            allow_low_resolution=options["allow_low_resolution"],
        )
        result = make_printed_catalogue(exhibition, stop, catalogue_options)
        message = _("%(plates)s plates, %(pages)s pages -> %(output)s")
        return result, message, {"plates": result.plates, "pages": result.pages}
