"""Where the shared corpus of bad input lives: ../shared/testdata/bad-input beside the checkout."""

import os
from pathlib import Path

import pytest
from django.conf import settings


def bad_input_dir():
    candidates = [
        os.environ.get("LEPORELLO_BAD_INPUT_DIR"),
        settings.BASE_DIR.parent / "shared" / "testdata" / "bad-input",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def bad_input(name):
    folder = bad_input_dir()
    if folder is None:
        pytest.skip("the shared bad-input corpus is not beside this checkout (../shared)")
    return folder / name
