"""QR codes as vector SVG (segno), so they stay sharp at any print size."""

import segno


def qr_data_uri(url):
    """An SVG data URI of a QR code holding `url`, with the quiet zone the standard asks for."""
    return segno.make(url, error="m", micro=False).svg_data_uri(
        border=4, omitsize=True, dark="#000", light="#fff"
    )
