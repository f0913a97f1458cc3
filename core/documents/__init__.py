"""Documents: sandboxed templates with merge tags, HTML, PDF in a job, frozen renditions.

``render_html(kind, record)`` for pages, ``request_pdf(kind, record_id, freeze=...)`` in the
service that sends or issues, ``stored_pdf(kind, record_id)`` for the frozen bytes. Kinds
and default templates come from ``kontora_document_kinds``, tags from
``kontora_merge_tags``. See ``docs/documents.md``.
"""

from core.documents.files import StoredPdf, current_file, request_pdf, stored_pdf
from core.documents.models import DocumentFile, DocumentTemplate
from core.documents.rendering import DocumentTemplateError, merge_tags, render_html

__all__ = ["DocumentFile", "DocumentTemplate", "DocumentTemplateError",
           "StoredPdf", "current_file", "merge_tags", "render_html", "request_pdf",
           "stored_pdf"]
