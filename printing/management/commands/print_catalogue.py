from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from printing import cli
from printing.lookup import find_exhibition_or_stop
from printing.options import PROFILES, parse_choice, parse_languages
from printing.printed_catalogue import PrintedCatalogueOptions, make_printed_catalogue
from printing.texts import PrintError


class Command(BaseCommand):
    help = (
        "Catalogue PDF of an exhibition or of one tour stop: cover, title page, introduction, "
        "one plate per work, checklist, colophon, contents with page numbers and bookmarks."
    )
    leave_locale_alone = True  # messages follow --language or the operator's locale

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

    def handle(self, *args, **options):
        cli.activate(options)
        try:
            exhibition, stop = find_exhibition_or_stop(options["target"])
            catalogue_options = PrintedCatalogueOptions(
                languages=parse_languages(options["languages"]),
                profile=parse_choice(options["profile"], tuple(PROFILES), _("profile")),
                placeholders=options["placeholders"],
                allow_low_resolution=options["allow_low_resolution"],
            )
            result = make_printed_catalogue(exhibition, stop, catalogue_options)
        except PrintError as error:
            raise cli.refusal(error) from error
        output = cli.write_result(self, result, options["output"])
        self.stdout.write(
            _("%(plates)s plates, %(pages)s pages -> %(output)s")
            % {"plates": result.plates, "pages": result.pages, "output": output}
        )
