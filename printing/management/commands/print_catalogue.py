from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from printing.book import CatalogueOptions, make_catalogue
from printing.lookup import find_exhibition_or_stop
from printing.options import PROFILES, parse_choice, parse_languages
from printing.texts import PrintError


class Command(BaseCommand):
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
            help="one or two language codes in print order: de,zh-hans (default), zh-hans,de, en",
        )
        parser.add_argument(
            "--profile",
            default="screen",
            help="screen (about 150 dpi at printed size, default) or print (300 dpi)",
        )
        parser.add_argument(
            "--placeholders",
            action="store_true",
            help="print missing translations as visible placeholders instead of refusing",
        )
        parser.add_argument("-o", "--output", required=True, help="where to write the PDF")

    def handle(self, *args, **options):
        try:
            exhibition, stop = find_exhibition_or_stop(options["target"])
            catalogue_options = CatalogueOptions(
                languages=parse_languages(options["languages"]),
                profile=parse_choice(options["profile"], tuple(PROFILES), "profile"),
                placeholders=options["placeholders"],
            )
            result = make_catalogue(exhibition, stop, catalogue_options)
        except PrintError as error:
            raise CommandError(str(error)) from error
        output = Path(options["output"])
        output.write_bytes(result.pdf)
        self.stdout.write(f"{result.plates} plates, {result.pages} pages -> {output}")
