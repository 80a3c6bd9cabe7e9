"""python manage.py machine_translate --language zh-hans --user NAME [--exhibition SLUG]"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from translations.machine import FillDrafts, ProviderError, get_provider

from ._scope import add_scope_arguments, scope_of
from ._users import admin_user


class Command(BaseCommand):
    help = (
        "Fill missing translations with machine-translation drafts (status draft: not shown or "
        "printed until approved). Needs LEPORELLO_MACHINE_TRANSLATION (e.g. DeepL) to be set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, help="target language, e.g. zh-hans")
        parser.add_argument("--user", required=True, help="who asks (checked and logged)")
        add_scope_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        provider = get_provider()
        if provider is None:
            raise CommandError(
                "Machine translation is off: set LEPORELLO_MACHINE_TRANSLATION (or "
                "LEPORELLO_DEEPL_AUTH_KEY) first."
            )
        exhibition, stop = scope_of(options)
        action = FillDrafts(
            provider, options["language"], admin_user(options["user"]), exhibition, stop
        )
        try:
            if options["dry_run"]:
                todo = action.check()
                self.stdout.write(f"Dry run: {len(todo)} missing text(s) would get a draft.")
                return
            count = action.execute()
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        except ProviderError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(f"{count} machine draft(s) written; approve them on the dashboard.")
