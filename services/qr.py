"""QR codes of deep links, as SVG and PNG (segno: pure Python, no imaging library).

Error correction level M (15% of the symbol can be damaged or dirty, as on a folded bill), a
quiet zone of 4 modules as the standard asks.
"""

from __future__ import annotations

import io
from typing import TextIO

import segno

BORDER = 4


def _make(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False, boost_error=False)


def svg(url: str, scale: int = 4) -> str:
    """A standalone SVG document of the QR code of ``url`` (``scale`` units per module)."""
    buffer = io.BytesIO()
    _make(url).save(
        buffer,
        kind="svg",
        scale=scale,
        border=BORDER,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
        title=url,
    )
    return buffer.getvalue().decode()


def png(url: str, scale: int = 8) -> bytes:
    """A black-on-white PNG of the QR code of ``url`` (``scale`` pixels per module)."""
    buffer = io.BytesIO()
    _make(url).save(buffer, kind="png", scale=scale, border=BORDER)
    return buffer.getvalue()


def draw(url: str, out: TextIO) -> None:
    """The QR code of ``url`` drawn with block characters, for a terminal."""
    _make(url).terminal(out=out, compact=True, border=BORDER)
