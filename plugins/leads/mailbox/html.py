"""HTML from mail: cleaned with nh3 before it is stored, and read as text when needed.

Mail HTML comes from strangers. nh3 (ammonia) keeps formatting tags and drops scripts,
styles, event handlers, forms and frames; images are dropped too, because a remote image
in a mail is a read receipt for the sender (tracking pixel) and an embedded one cannot be
shown from a ``srcdoc`` frame anyway (the files stay downloadable). Links keep only
http(s) and mailto targets and open in a new browsing context without a referrer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

TAGS = set(nh3.ALLOWED_TAGS) - {"img"}
SKIPPED = {"script", "style", "head", "title", "noscript", "template"}
BLOCKS = {"address", "article", "aside", "blockquote", "div", "dl", "dt", "dd", "footer",
          "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
          "section", "table", "tr", "ul"}


def sanitise_html(html: str) -> str:
    """``html`` with everything that could run, load or phone home removed."""
    return nh3.clean(html, tags=TAGS, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n" if tag == "p" else "\n")
            if tag == "li":
                self.parts.append("- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS and tag != "li":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: blocks on their own lines, no markup, no scripts."""
    if not html:
        return ""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip()
             for line in "".join(extractor.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
