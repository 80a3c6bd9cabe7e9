from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.formats import FORMATS, XLIFF_FORMATS, format_for
from translations.roundtrip import BadFile, build_export, write_export

from ._scope import add_scope_arguments, scope_of


def language_list(values):
    codes = []
    for value in values or []:
        codes += [v.strip().lower().replace("_", "-") for v in value.split(",") if v.strip()]
    return codes


class Command(BaseCommand):
    help = (
        "Export translated texts for translators: one row per object, a column per field and "
        "language, its status and a version stamp. --format xlsx|csv|xliff12|xliff20 names the "
        "file type; without it the extension chooses: .xlsx, .csv, .xlf/.xliff (XLIFF 1.2). "
        "An XLIFF file holds one target language."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="FILE.xlsx, .csv, .xlf or .xliff")
        parser.add_argument(
            "--format",
            choices=list(FORMATS),
            help="file type (default: from the extension; .xlf/.xliff = XLIFF 1.2)",
        )
        parser.add_argument(
            "--languages",
            action="append",
            help="target languages, e.g. zh-hans or zh-hans,en (default: all but German)",
        )
        add_scope_arguments(parser)
        parser.add_argument(
            "--todo",
            action="store_true",
            help="only objects with work left (a text missing, draft or to review)",
        )

    def handle(self, *args, **options):
        from catalogue.translation_status import TARGET_LANGUAGES

        path = Path(options["output"])
        try:
            fmt = format_for(path.name, options["format"])
        except BadFile as error:
            raise CommandError(str(error)) from error
        languages = language_list(options["languages"])
        unknown = [code for code in languages if code not in TARGET_LANGUAGES]
        if unknown:
            raise CommandError(
                f"Unknown target language {', '.join(unknown)}; use {', '.join(TARGET_LANGUAGES)}."
            )
        exhibition, stop = scope_of(options)
        if fmt in XLIFF_FORMATS and len(languages) != 1:
            raise CommandError("An XLIFF file holds one target language: add --languages zh-hans.")
        export = build_export(
            languages, exhibition=exhibition, tour_stop=stop, only_open=options["todo"]
        )
        with path.open("wb") as stream:
            write_export(export, stream, fmt)
        self.stdout.write(f"{len(export.rows)} objects written to {path}.")
