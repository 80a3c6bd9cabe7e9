"""Every interface string is in the German and Chinese catalogues, translated and not fuzzy.

The second test extracts the strings from the code again (Django's makemessages on a copy), so a
string added without a translation fails here rather than reaching a visitor in the wrong language.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ("de", "zh_Hans")
SOURCES = (
    "catalogue",
    "exhibition",
    "translations",
    "printing",
    "visitor",
    "openstandards",
    "config",
    "templates",
    "locale",
)


def _unquote(line):
    return line[line.index('"') + 1 : line.rindex('"')].replace('\\"', '"')


def open_entries(path):
    """(msgid, reason) of every entry that is untranslated or fuzzy."""
    problems = []
    for block in Path(path).read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or all(line.startswith("#~") for line in lines):
            continue
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid, msgstrs, current = "", [], None
        for line in lines:
            if line.startswith("msgid "):
                current, msgid = "id", _unquote(line)
            elif line.startswith("msgid_plural"):
                current = "plural"
            elif line.startswith("msgstr"):
                current = "str"
                msgstrs.append(_unquote(line))
            elif line.startswith('"'):
                if current == "id":
                    msgid += _unquote(line)
                elif current == "str":
                    msgstrs[-1] += _unquote(line)
        if msgid == "":
            continue  # the header
        if fuzzy:
            problems.append((msgid, "fuzzy"))
        elif not msgstrs or any(not s for s in msgstrs):
            problems.append((msgid, "untranslated"))
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_no_untranslated_or_fuzzy_string(language):
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert open_entries(path) == []


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    if not shutil.which("xgettext") or not shutil.which("msgmerge"):
        pytest.skip("gettext is not installed (make sysdeps)")
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    args = ["makemessages", "--no-location", *[f"-l{code}" for code in LANGUAGES]]
    subprocess.run(  # noqa: S603  (our own interpreter and fixed arguments)
        [sys.executable, "-m", "django", *args],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    for language in LANGUAGES:
        path = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
        assert open_entries(path) == [], f"{language}: run makemessages and translate these"
