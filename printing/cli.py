"""What the print commands share: the operator's language, the preflight options, refusals."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from catalogue.languages import LANGUAGE_CODES

from .texts import PrintError, command_message

# POSIX locale names (LANG, LC_MESSAGES, LC_ALL) -> our language codes.
_LOCALE_PREFIXES = (("zh", "zh-hans"), ("de", "de"), ("en", "en"), ("c", "en"), ("posix", "en"))


def operator_language(choice=None, environ=None):
    """`choice` (--language) if given, else the operator's locale, like gettext reads it
    (LC_ALL, then LC_MESSAGES, then LANG), else settings.LANGUAGE_CODE."""
    if choice:
        code = choice.strip().lower().replace("_", "-")
        if code in LANGUAGE_CODES:
            return code
        if code.startswith("zh"):
            return "zh-hans"
        raise CommandError(
            f"--language {choice}: choose one of {', '.join(LANGUAGE_CODES)}",
            returncode=1,
        )
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (environ.get(name) or "").strip().lower()
        if not value:
            continue
        for prefix, code in _LOCALE_PREFIXES:
            if value == prefix or value.startswith((prefix + "_", prefix + ".", prefix + "-")):
                return code
        break
    return settings.LANGUAGE_CODE


def add_arguments(parser):
    parser.add_argument(
        "--profile",
        default="screen",
        help="screen: tagged PDF/UA-1 (default); print: PDF/X-4 with the print shop's CMYK "
        "output intent, bleed and crop marks",
    )
    parser.add_argument(
        "--language",
        default=None,
        help="language of this command's messages: de, zh-hans or en (default: the "
        "operator's locale, LANG / LC_MESSAGES)",
    )
    parser.add_argument(
        "--allow-low-resolution",
        action="store_true",
        help="print images below 150 dpi at their printed size instead of refusing",
    )
    parser.add_argument(
        "--placeholders",
        action="store_true",
        help="print missing translations as visible placeholders instead of refusing",
    )
    parser.add_argument("-o", "--output", required=True, help="where to write the PDF")


def activate(options):
    translation.activate(operator_language(options.get("language")))


def write_result(command, result, output):
    """Report the preflight's warnings on stderr and write the PDF to `output` (a path);
    returns the Path, for the command's last line."""
    for warning in result.warnings:
        command.stderr.write(_("Warning: %(finding)s") % {"finding": warning})
    output = Path(output)
    output.write_bytes(result.pdf)
    return output


def refusal(error):
    """A CommandError (exit status 1) whose first line says how to go on."""
    return CommandError(command_message(error), returncode=1)


class PrintCommand(BaseCommand):
    """A command that prints a PDF: messages in the operator's language, the preflight's
    warnings on stderr, a refusal as exit status 1 with its next step. A subclass adds its
    arguments (then calls `add_arguments(parser)` of this module) and says in `render` what
    to print."""

    leave_locale_alone = True  # messages follow --language or the operator's locale

    def render(self, options):
        """(the result with `.pdf` and `.warnings`, the last line as a message with
        %(output)s, the message's other values); raises PrintError to refuse."""
        raise NotImplementedError

    def handle(self, *args, **options):
        activate(options)
        try:
            result, message, values = self.render(options)
        except PrintError as error:
            raise refusal(error) from error
        output = write_result(self, result, options["output"])
        self.stdout.write(message % {**values, "output": output})
