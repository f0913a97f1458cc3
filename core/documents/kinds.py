"""Document kinds declared by plugins and the default templates they ship."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.kernel import kontora

DEFAULT_NAME = "default"


@dataclass(frozen=True)
class DocumentKind:
    """One entry of ``kontora_document_kinds``: a kind, its label and default files."""

    kind: str
    label: str
    templates_dir: Path
    name: str = DEFAULT_NAME
    file: str = ""
    language: Callable[[Any], str | None] | None = None

    @property
    def base(self) -> str:
        return self.file or self.kind.rpartition(".")[2]

    def defaults(self) -> dict[str, tuple[str, str]]:
        """``{language: (body, css)}`` from ``<base>.<lang>.html`` and ``<base>[.<lang>].css``."""
        found: dict[str, tuple[str, str]] = {}
        shared_css = self.templates_dir / f"{self.base}.css"
        for html_file in sorted(self.templates_dir.glob(f"{self.base}.*.html")):
            language = html_file.name[len(self.base) + 1:-len(".html")]
            if "." in language:
                continue
            css_file = self.templates_dir / f"{self.base}.{language}.css"
            css_file = css_file if css_file.exists() else shared_css
            css = css_file.read_text(encoding="utf-8") if css_file.exists() else ""
            found[language] = (html_file.read_text(encoding="utf-8"), css)
        return found


def document_kinds() -> list[DocumentKind]:
    """Every document kind of the enabled plugins, in dependency order."""

    kinds = []
    for entry in kontora().collect("kontora_document_kinds"):
        kinds.append(DocumentKind(kind=entry["kind"], label=str(entry["label"]),
                                  templates_dir=Path(entry["templates_dir"]),
                                  name=entry.get("name", DEFAULT_NAME),
                                  file=entry.get("file", ""),
                                  language=entry.get("language")))
    return kinds


def kinds_of(kind: str) -> list[DocumentKind]:
    return [dk for dk in document_kinds() if dk.kind == kind]


def content_hash(body: str, css: str) -> str:
    return hashlib.sha256(f"{body}\0{css}".encode()).hexdigest()
