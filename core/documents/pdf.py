"""HTML to PDF with WeasyPrint, and the print stylesheet every document gets.

WeasyPrint may fetch only ``data:`` URLs: a template cannot make the worker read a local
file (``file:///etc/passwd``) or call a server (``http://169.254.169.254/``). Rendering costs
about a quarter of a second a page, so it only ever runs in a job.
"""

from __future__ import annotations

from core.i18n import gettext as _

PRINT_CSS = """
@page {
  size: A4;
  margin: 20mm 16mm 22mm 16mm;
  @bottom-center {
    content: "%(page)s " counter(page) " %(of)s " counter(pages);
    font-size: 8pt; color: #666;
  }
}
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt;
       color: #222; }
.k-company { display: flex; align-items: flex-start; gap: 8mm; margin-bottom: 8mm;
             border-bottom: 0.5pt solid #999; padding-bottom: 4mm; }
.k-company .k-logo { max-height: 18mm; max-width: 50mm; }
.k-company-name { font-size: 13pt; font-weight: bold; }
.k-company-details { font-size: 8.5pt; color: #444; line-height: 1.35; }
.k-signatures { display: flex; gap: 12mm; margin-top: 12mm; break-inside: avoid; }
.k-signature { flex: 1; }
.k-signature .label { font-size: 8pt; text-transform: uppercase; color: #777; }
.k-sign-line { margin-top: 10mm; border-top: 0.5pt solid #999; padding-top: 1mm;
               font-size: 8pt; color: #666; }
.k-stamp { max-height: 30mm; max-width: 55mm; margin-top: -24mm; }
table { border-collapse: collapse; width: 100%%; }
thead { display: table-header-group; }
tr, img { break-inside: avoid; }
.totals, .k-totals { break-inside: avoid; page-break-inside: avoid; }
"""


def print_stylesheet() -> str:
    """The print stylesheet in the active language ("Page 2 of 5")."""
    return PRINT_CSS % {"page": _css_text(_("Page")), "of": _css_text(_("of"))}


def _css_text(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace('"', '\\"')


def html_to_pdf(html: str) -> bytes:
    """The PDF of a whole HTML document; only ``data:`` URLs are loaded."""
    # WeasyPrint loads Pango and its fonts on import (about 0.3 s): only a renderer pays it
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=5)
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
