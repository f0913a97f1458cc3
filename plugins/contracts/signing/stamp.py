"""The signatures drawn onto the PDF the signer saw, and an audit page appended.

Both are rendered by WeasyPrint (the kernel's ``html_to_pdf``: only ``data:`` URLs load) and
merged with pypdf: the stamp over the last page of the document, the audit page after it.
This happens before the PAdES signature, which then covers the stamped document. pypdf is
imported where a stamp is made, so processes that never sign do not load it.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from core.documents.pdf import html_to_pdf
from core.i18n import format_datetime
from core.i18n import gettext as _


@dataclass(frozen=True)
class SignatureMark:
    """One signature as the stamp and the audit page show it."""

    role: str  # "client" or "company"
    name: str
    email: str | None
    ip_address: str | None
    user_agent: str | None
    signed_at: datetime
    shown_sha256: str
    image: bytes | None


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page {{ size: {width}pt {height}pt; margin: 0 }}
body {{ margin: 0; font-family: sans-serif; font-size: 8pt; color: #123 }}
.marks {{ position: absolute; bottom: 14mm; right: 12mm; display: flex; gap: 6mm }}
.mark {{ border: 0.6pt solid #2a5db0; border-radius: 2mm; padding: 1.5mm 2.5mm;
         width: 58mm; background: rgba(255,255,255,.85) }}
.mark img {{ display: block; height: 14mm; max-width: 56mm }}
</style></head><body><div class="marks">{marks}</div></body></html>"""

AUDIT = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 18mm }}
body {{ font-family: sans-serif; font-size: 9pt; color: #123 }}
h1 {{ font-size: 14pt }} table {{ border-collapse: collapse; width: 100% }}
th, td {{ text-align: left; vertical-align: top; border-bottom: 0.5pt solid #bbb;
          padding: 1.5mm }}
th {{ width: 35% }} code {{ font-size: 7.5pt; word-break: break-all }}
section {{ margin-bottom: 8mm; page-break-inside: avoid }}
img {{ height: 16mm }}
</style></head><body><h1>{title}</h1><p>{intro}</p>{sections}</body></html>"""


def stamp_pdf(content: bytes, marks: list[SignatureMark], *, document: str) -> bytes:
    """``content`` with ``marks`` drawn on its last page and the audit page appended."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(content))
    writer = PdfWriter()
    writer.append(reader)
    last = writer.pages[-1]
    width, height = float(last.mediabox.width), float(last.mediabox.height)
    overlay = PdfReader(io.BytesIO(html_to_pdf(_stamp_html(marks, width, height))))
    last.merge_page(overlay.pages[0])
    audit = PdfReader(io.BytesIO(html_to_pdf(audit_html(marks, document))))
    for page in audit.pages:
        writer.add_page(page)
    writer.add_metadata({"/Producer": "Kontora"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _image(mark: SignatureMark) -> Markup:
    if not mark.image:
        return Markup("")
    data = base64.b64encode(mark.image).decode()
    return Markup('<img alt="" src="data:image/png;base64,{}">').format(data)


def _role(mark: SignatureMark) -> str:
    return _("For the client") if mark.role == "client" else _("For the company")


def _stamp_html(marks: list[SignatureMark], width: float, height: float) -> str:
    parts = [Markup('<div class="mark"><div>{}</div>{}<div><b>{}</b><br>{}</div></div>')
             .format(_role(m), _image(m), m.name, format_datetime(m.signed_at))
             for m in marks]
    return PAGE.format(width=width, height=height, marks=Markup("").join(parts))


def audit_html(marks: list[SignatureMark], document: str) -> str:
    """The audit page: who signed, from where, when, and the hash of what they saw."""
    rows = []
    for m in marks:
        fields = [
            (_("Signed"), _role(m)), (_("Name"), m.name), (_("E-mail"), m.email or "—"),
            (_("IP address"), m.ip_address or "—"), (_("Browser"), m.user_agent or "—"),
            (_("Time (UTC)"), m.signed_at.strftime("%Y-%m-%d %H:%M:%S")),
            (_("SHA-256 of the PDF shown"), Markup("<code>{}</code>").format(m.shown_sha256)),
        ]
        body = Markup("").join(Markup("<tr><th>{}</th><td>{}</td></tr>").format(k, v)
                               for k, v in fields)
        rows.append(Markup("<section>{}<table>{}</table></section>").format(_image(m), body))
    return AUDIT.format(
        title=escape(_("Signature audit trail")),
        intro=escape(_("%(document)s was signed electronically as recorded below. The "
                       "company's digital signature on this file shows whether it changed "
                       "after signing.", document=document)),
        sections=Markup("").join(rows))
