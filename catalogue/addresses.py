"""Whether a web address points at this machine or a private network (shared by the system check
on LEPORELLO_PUBLIC_BASE_URL and the print preflight): such an address in a QR code on a wall
label cannot be opened by a visitor's phone."""

import ipaddress
from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "localhost.localdomain")
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")


def is_loopback_or_private(url):
    """True if `url` (an absolute http(s) address, str) names a loopback, private-range,
    link-local or unspecified IP address, or a host name that only resolves inside a local
    network (localhost, *.local, *.internal, *.lan, *.home.arpa). No DNS look-up is made.
    An address without a host (relative or malformed) counts as local: it is not public either."""
    try:
        host = urlsplit(str(url).strip()).hostname
    except ValueError:
        return True
    if not host:
        return True
    host = host.rstrip(".").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES) or "." not in host
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_unspecified
        or address.is_reserved
        or address.is_multicast
    )
