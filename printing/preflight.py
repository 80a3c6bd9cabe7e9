"""The print preflight: one check of a printout's texts, QR codes, images and public address,
run before anything is written, by the admin, the commands and the printed-catalogue job alike.

What it refuses (with the work and field named), and what lets it through:
- a character that no font of the house chain has (it would print as an empty box): fix the
  text (printing.fonts says which fonts are searched);
- a QR code smaller than what a phone reads at 40 cm (printing.qr.min_size_mm): a larger label;
- an image below 150 dpi at its printed size: a larger image, or `allow_low_resolution`
  (below 200 dpi it is a warning in the print profile);
- a public base address (LEPORELLO_PUBLIC_BASE_URL, printed in the QR codes) that is
  loopback or in a private range, so visitors' phones cannot reach it: set the real address,
  or `allow_local_address` for a test print.
Text that overflows a label is found on the laid-out boxes (printing.overflow).
"""

import ipaddress
import socket
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .fonts import missing_characters
from .texts import PrintError

REFUSE_DPI = 150
WARN_DPI = 200


@dataclass(frozen=True)
class Finding:
    where: str  # the work (or the setting) it is about
    field: str  # the field, image or option
    message: str
    refusal: bool = True

    def __str__(self):
        return f"{self.where} – {self.field}: {self.message}"


class PreflightRefused(PrintError):
    """The printout was refused; `findings` lists why. The first line says how to go on."""

    def __init__(self, findings, hints):
        self.findings = list(findings)
        self.options = tuple(hints)
        lines = "\n".join(f"  - {item}" for item in self.findings)
        first = _("Nothing was printed: fix these %(count)s problems") % {
            "count": len(self.findings)
        }
        if hints:
            first += _(", or run again with %(options)s") % {"options": " ".join(hints)}
        super().__init__(f"{first}.\n{lines}")


def _printable(char):
    """Spaces, line breaks and format characters draw nothing; everything else needs a glyph
    (private-use and unassigned characters too: they print as empty boxes)."""
    category = unicodedata.category(char)
    return category not in ("Cc", "Cf") and not category.startswith("Z")


def _is_local_host(host):
    if not host or host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False  # not resolvable here: the print room may be offline, do not refuse
        addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
        return bool(addresses) and all(_local(a) for a in addresses)
    return _local(address)


def _local(address):
    return address.is_loopback or address.is_private or address.is_link_local


@dataclass
class Preflight:
    """Collects findings while a printout is prepared; `refuse_or_warn()` ends it."""

    allow_low_resolution: bool = False
    allow_local_address: bool = False
    print_profile: bool = False
    findings: list = field(default_factory=list)

    def refuse(self, where, what, message):
        self.findings.append(Finding(str(where), str(what), str(message)))

    def warn(self, where, what, message):
        self.findings.append(Finding(str(where), str(what), str(message), refusal=False))

    def check_texts(self, texts):
        """`texts`: [(where, field label, printing.texts.Text)] as TextGate read them."""
        for where, label, text in texts:
            if text.missing or not text.value:
                continue
            chars = {c for c in str(text.value) if _printable(c)}
            for char in sorted(missing_characters(chars)):
                self.refuse(
                    where,
                    label,
                    _("the character %(char)s (U+%(code)04X) is in none of the fonts")
                    % {"char": char, "code": ord(char)},
                )

    def check_public_address(self, base_url=None):
        """The address the QR codes point to must be reachable from a visitor's phone."""
        base_url = base_url or settings.LEPORELLO_PUBLIC_BASE_URL
        host = urlsplit(base_url).hostname
        if self.allow_local_address or not _is_local_host(host):
            return
        self.refuse(
            "LEPORELLO_PUBLIC_BASE_URL",
            base_url,
            _(
                "the QR codes would point to a local address that visitors' phones cannot "
                "reach; set the public address of the site"
            ),
        )

    def check_qr(self, where, text, size_mm, required_mm):
        if size_mm + 0.05 < required_mm:
            self.refuse(
                where,
                _("QR code"),
                _(
                    "%(size).1f mm is too small to scan at 40 cm (needs %(required).1f mm with "
                    "its quiet zone); choose a larger label"
                )
                % {"size": size_mm, "required": required_mm},
            )

    def check_image(self, where, dpi):
        values = {"dpi": round(dpi)}
        if dpi < REFUSE_DPI and not self.allow_low_resolution:
            self.refuse(
                where,
                _("image"),
                _("%(dpi)s dpi at its printed size (at least 150 needed); upload a larger image")
                % values,
            )
        elif dpi < WARN_DPI and self.print_profile:
            self.warn(
                where, _("image"), _("%(dpi)s dpi at its printed size (200 recommended)") % values
            )

    @property
    def warnings(self):
        return [f for f in self.findings if not f.refusal]

    def refuse_or_warn(self):
        """Raise PreflightRefused when anything is refused; else the list of warnings."""
        refused = [f for f in self.findings if f.refusal]
        if refused:
            hints = []
            if any(f.field == _("image") for f in refused):
                hints.append("--allow-low-resolution")
            if any(f.where == "LEPORELLO_PUBLIC_BASE_URL" for f in refused):
                hints.append("--allow-local-address")
            raise PreflightRefused(refused, hints)
        return self.warnings
