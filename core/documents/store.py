"""Templates in the database: seeded from the defaults, edited by admins, chosen to render."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.db import session
from core.documents.kinds import DEFAULT_NAME, content_hash, document_kinds, kinds_of
from core.documents.models import DocumentTemplate

FALLBACK_LANGUAGE = "en"


def seed_templates(sess: Session) -> int:
    """Bring default templates into the table; rows an admin saved are never touched.

    A new default is inserted; an untouched row whose shipped default changed is updated.
    Returns the number of rows written.
    """
    written = 0
    for dk in document_kinds():
        for language, (body, css) in dk.defaults().items():
            digest = content_hash(body, css)
            row = sess.scalars(select(DocumentTemplate).where(
                DocumentTemplate.kind == dk.kind, DocumentTemplate.language == language,
                DocumentTemplate.name == dk.name)).first()
            if row is None:
                sess.add(DocumentTemplate(kind=dk.kind, language=language, name=dk.name,
                                          body=body, css=css, active=True,
                                          customized=False, default_sha256=digest))
                written += 1
            elif not row.customized and row.default_sha256 != digest:
                row.body, row.css, row.default_sha256 = body, css, digest
                written += 1
    sess.flush()
    return written


def choose_template(kind: str, language: str, name: str | None = None) -> DocumentTemplate:
    """The active template of ``kind`` in ``language``, else in English, else the shipped one.

    With no ``name`` the one named ``default`` wins, then the oldest. A kind nobody
    declared, or one without any template, is a ``LookupError``.
    """
    languages = list(dict.fromkeys((language, FALLBACK_LANGUAGE)))
    stmt = select(DocumentTemplate).where(DocumentTemplate.kind == kind,
                                          DocumentTemplate.active.is_(True),
                                          DocumentTemplate.language.in_(languages))
    if name is not None:
        stmt = stmt.where(DocumentTemplate.name == name)
    rows = session().scalars(stmt).all()
    if rows:
        return min(rows, key=lambda r: (languages.index(r.language),
                                        r.name != DEFAULT_NAME, r.id))
    for dk in kinds_of(kind):
        if name is not None and dk.name != name:
            continue
        defaults = dk.defaults()
        for lang in languages:
            if lang in defaults:
                body, css = defaults[lang]
                return DocumentTemplate(kind=kind, language=lang, name=dk.name, body=body,
                                        css=css, active=True)
    raise LookupError(f"no template for document kind {kind!r} in {language!r} or English")
