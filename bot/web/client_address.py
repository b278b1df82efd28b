"""The address of the client behind a request, believing a proxy's header only from a proxy.

With ``KESCO_TRUSTED_PROXIES`` empty (the default) the address is the TCP peer's. When it names
the reverse proxies (addresses or networks: ``10.0.0.5, 10.1.0.0/16, ::1``) and the peer is one
of them, the client is read from ``X-Forwarded-For``: the rightmost address that is not a
trusted proxy (the ones left of it were written by the client and can be forged).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_FOR = "X-Forwarded-For"


def parse_networks(value: str) -> tuple[Network, ...]:
    """``KESCO_TRUSTED_PROXIES``: addresses or networks separated by commas or spaces;
    ``ValueError`` naming the one that is not."""
    networks = []
    for item in value.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP address or network") from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [::1]:1234
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:1234
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address | None, proxies: Sequence[Network]
) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(request: web.Request, proxies: Sequence[Network] = ()) -> str:
    """The client's address (as text), or ``"unknown"``."""
    peer = request.remote or "unknown"
    if not proxies or not _trusted(_address(peer), proxies):
        return peer
    hops = [
        hop for header in request.headers.getall(FORWARDED_FOR, []) for hop in header.split(",")
    ]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer  # a garbled header: believe only the proxy itself
        if not _trusted(address, proxies):
            return str(address)
    return peer
