"""Running the print commands (print_labels, print_catalogue) in tests."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def assert_refused(command, args, message, out):
    """`manage.py <command> <args> -o <out>`, in English, fails with `message` (a regular
    expression) and writes no file."""
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command(command, *args, "-o", str(out))
    assert not out.exists()
