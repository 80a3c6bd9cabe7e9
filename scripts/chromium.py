"""Debian's Chromium for Playwright (no browser download): where it is and how it is started.

Shared by the browser tests (tests/visitor/test_browser.py), the screenshots
(scripts/screenshots.py) and the page-weight benchmark (bench/browser.py).
"""

import os

CHROMIUM = os.environ.get("LEPORELLO_CHROMIUM", "/usr/bin/chromium")
# No sandbox (containers and CI run as root), no GPU, and nothing that phones home or updates
# itself during a measurement.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
