from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from translations.roundtrip import BadFile, apply_plan, plan_import, read_file


class Command(BaseCommand):
    help = (
        "Import a translation file (.xlsx, .csv, .xlf/.xliff made by export_translations). "
        "Everything is checked first; the import applies all changes or none. Rows whose object "
        "changed in the CMS since the export are conflicts and block the import."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and show the changes, change nothing"
        )
        parser.add_argument(
            "--skip-conflicts",
            action="store_true",
            help="apply the other rows and keep the CMS version of conflicting rows",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
            table = read_file(data, path.name)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except BadFile as error:
            raise CommandError(f"{path.name}: {error} Nothing was changed.") from error
        plan = plan_import(table)
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
        result = apply_plan(plan, skip_conflicts=options["skip_conflicts"], source=path.name)
        self.stdout.write(
            f"Imported {result.changes} change(s) in {result.objects} object(s)"
            + (
                f"; {result.skipped_conflicts} conflicting row(s) kept as in the CMS."
                if result.skipped_conflicts
                else "."
            )
        )
