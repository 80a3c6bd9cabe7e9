"""python manage.py import_translations FILE --user NAME [--dry-run] [--skip-conflicts]"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from translations.actions import ImportTranslations
from translations.roundtrip import BadFile

from ._users import admin_user


class Command(BaseCommand):
    help = (
        "Import a translation file made by export_translations, as saved by a spreadsheet or a "
        "translation tool: .xlsx, CSV (comma, semicolon or tab; UTF-8, UTF-16, GBK or "
        "Windows-1252), XLIFF 1.2 or 2.0; the format is found from the content. Everything is "
        "checked first, with the permissions of --user; the import applies all changes or none. "
        "Rows whose object changed in the CMS since the export are conflicts and block the import."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--user",
            help="the admin user who imports: their permissions are checked and the audit log "
            "names them (required unless DEBUG is on)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and show the changes, change nothing"
        )
        parser.add_argument(
            "--skip-conflicts",
            action="store_true",
            help="apply the other rows and keep the CMS version of conflicting rows",
        )

    def _user(self, username):
        if not username:
            if not settings.DEBUG:
                raise CommandError(
                    "Name the admin user who imports: --user NAME (their permissions are checked "
                    "and the audit log names them)."
                )
            return None
        return admin_user(username)

    def handle(self, *args, **options):
        path = Path(options["file"])
        user = self._user(options["user"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        action = ImportTranslations(data, path.name, user, options["skip_conflicts"])
        try:
            plan = action.check() if user is not None else self._check_without_user(action)
        except BadFile as error:
            raise CommandError(f"{path.name}: {error} Nothing was changed.") from error
        except PermissionDenied as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        for row in plan.rows:
            for change in row.changes:
                status = (
                    f" [{change.old_status or '-'} → {change.new_status}]"
                    if change.new_status
                    else ""
                )
                if change.text_changed:
                    self.stdout.write(
                        f"{row.key} {change.field} [{change.language}]: "
                        f"{change.old!r} → {change.new!r}{status}"
                    )
                else:
                    self.stdout.write(f"{row.key} {change.field} [{change.language}]:{status}")
                if change.removed:
                    self.stdout.write(
                        f"  removed (not allowed in this field): {', '.join(change.removed)}"
                    )
        for row in plan.conflicts:
            self.stderr.write(
                f"Conflict in {row.where} ({row.key}): changed in the CMS since the export."
            )
            for change in [*row.changes, *row.source_changes]:
                self.stderr.write(
                    f"  {change.field} [{change.language}]  CMS now: {change.old!r}  file: {change.new!r}"
                )
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(plan.problems)} problem(s) in {path.name}; nothing was changed."
            )
        if plan.conflicts and not options["skip_conflicts"]:
            raise CommandError(
                f"{len(plan.conflicts)} conflict(s); nothing was changed. Export a fresh file, or "
                "use --skip-conflicts to keep the CMS version of those rows."
            )
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {plan.change_count} change(s) in {len(plan.applicable)} object(s) "
                "would be applied; nothing was changed."
            )
            return
        result = action.execute()
        self.stdout.write(
            f"Imported {result.changes} change(s) in {result.objects} object(s)"
            + (
                f"; {result.skipped_conflicts} conflicting row(s) kept as in the CMS."
                if result.skipped_conflicts
                else "."
            )
        )

    @staticmethod
    def _check_without_user(action):
        """DEBUG only: a developer's import without a user (every page lock stops it)."""
        from translations.roundtrip import plan_import, read_file

        action.plan = plan_import(read_file(action.data, action.name))
        return action.plan
