"""A demo bill as a small, valid PDF (one page, Helvetica), written without a PDF library.

The demo backend has no printed bills; this draws one from a :class:`BillRecord` so that
``/bill`` can send a document. Text is in Windows-1252 (the standard fonts' WinAnsiEncoding:
Albanian ë and ç are in it); a character outside it is drawn as ``?``. The bill carries no
name or address: only the code, the period, the amounts and the consumption.
"""

from __future__ import annotations

from services.backend.base import ESTIMATED, HIGH, LOW, TOTAL, BillRecord

PAGE_WIDTH, PAGE_HEIGHT = 420, 595  # A5, in points
TARIFF_NAMES = {
    HIGH: "Tarifa e lartë / High rate",
    LOW: "Tarifa e ulët / Low rate",
    TOTAL: "Gjithsej / Total",
}


def bill_lines(record: BillRecord) -> list[str]:
    """What the page says, line by line (in Albanian and English, as the demo prints it)."""
    lines = [
        "KESCO - Fatura / Bill (demo)",
        "",
        f"Kodi i konsumatorit / Customer code: {record.customer_code}",
        f"Periudha / Period: {record.period}",
    ]
    if record.period_start and record.period_end:
        lines.append(
            f"Nga / From {record.period_start.isoformat()} deri / to "
            f"{record.period_end.isoformat()}"
        )
    for name, kwh in record.consumption.items():
        lines.append(f"{TARIFF_NAMES.get(name, name)}: {kwh} kWh")
    if record.reading == ESTIMATED:
        lines.append("Lexim i vlerësuar / Estimated reading")
    lines += [
        f"Shuma / Amount: {record.amount:.2f} {record.currency}",
        f"Afati i pagesës / Due date: {record.due_date.isoformat()}",
        "Paguar / Paid: " + (record.paid_on.isoformat() if record.paid_on else "jo / no"),
        "",
        "Qendra e thirrjeve / Call centre: 0800 791 00",
    ]
    return lines


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: list[str]) -> bytes:
    parts = [b"BT /F1 11 Tf 14 TL 40 550 Td"]
    for index, line in enumerate(lines):
        size = b"/F1 14 Tf " if index == 0 else b"/F1 11 Tf " if index == 1 else b""
        parts.append(size + b"(" + _escape(line) + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def bill_pdf(record: BillRecord) -> bytes:
    """The bill as the bytes of a PDF 1.4 file (with a correct cross-reference table)."""
    stream = _content(bill_lines(record))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT)
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + _escape(f"KESCO {record.customer_code} {record.period}") + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
