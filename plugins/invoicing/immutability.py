"""Database triggers that keep issued invoices unchanged, whoever writes (service or SQL).

An issued (or converted, cancelled) document refuses ``DELETE`` and any ``UPDATE`` of the
columns in :data:`plugins.invoicing.models.document.PROTECTED_COLUMNS`, and never returns to
draft; only bookkeeping moves (``paid_amount``, ``sent_at``, ``status`` among the issued
states, ``version``, ``updated_*``). Its lines refuse ``INSERT``, ``UPDATE`` and ``DELETE``.
The migration creates them; the SQL is here so tests can read what the migration made.
"""

from __future__ import annotations

from plugins.invoicing.models.document import PROTECTED_COLUMNS

MESSAGE = "invoicing: an issued invoice cannot change"


def _changed(op: str) -> str:
    return " OR ".join(f"NEW.{c} {op} OLD.{c}" for c in PROTECTED_COLUMNS)


def postgresql() -> tuple[list[str], list[str]]:
    """(create statements, drop statements) for PostgreSQL."""
    create = [
        f"""CREATE FUNCTION invoicing_document_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status <> 'draft' THEN
    IF TG_OP = 'DELETE' THEN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation'; END IF;
    IF NEW.status = 'draft' OR {_changed('IS DISTINCT FROM')} THEN
      RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER invoicing_document_immutable BEFORE UPDATE OR DELETE
ON invoicing_document FOR EACH ROW EXECUTE FUNCTION invoicing_document_immutable()""",
        f"""CREATE FUNCTION invoicing_line_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM invoicing_document d
      WHERE d.id = OLD.document_id AND d.status <> 'draft') THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM invoicing_document d
      WHERE d.id = NEW.document_id AND d.status <> 'draft') THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
        """CREATE TRIGGER invoicing_line_immutable BEFORE INSERT OR UPDATE OR DELETE
ON invoicing_line FOR EACH ROW EXECUTE FUNCTION invoicing_line_immutable()""",
    ]
    drop = ["DROP TRIGGER IF EXISTS invoicing_line_immutable ON invoicing_line",
            "DROP FUNCTION IF EXISTS invoicing_line_immutable()",
            "DROP TRIGGER IF EXISTS invoicing_document_immutable ON invoicing_document",
            "DROP FUNCTION IF EXISTS invoicing_document_immutable()"]
    return create, drop


def sqlite() -> tuple[list[str], list[str]]:
    """(create statements, drop statements) for SQLite."""
    issued_line = "(SELECT status FROM invoicing_document WHERE id = {}.document_id) <> 'draft'"
    create = [
        f"""CREATE TRIGGER invoicing_document_immutable_update BEFORE UPDATE ON invoicing_document
WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR {_changed('IS NOT')})
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER invoicing_document_immutable_delete BEFORE DELETE ON invoicing_document
WHEN OLD.status <> 'draft' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER invoicing_line_immutable_insert BEFORE INSERT ON invoicing_line
WHEN {issued_line.format('NEW')} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER invoicing_line_immutable_update BEFORE UPDATE ON invoicing_line
WHEN {issued_line.format('OLD')} OR {issued_line.format('NEW')}
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        f"""CREATE TRIGGER invoicing_line_immutable_delete BEFORE DELETE ON invoicing_line
WHEN {issued_line.format('OLD')} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    ]
    drop = [f"DROP TRIGGER IF EXISTS {name}" for name in (
        "invoicing_document_immutable_update", "invoicing_document_immutable_delete",
        "invoicing_line_immutable_insert", "invoicing_line_immutable_update",
        "invoicing_line_immutable_delete")]
    return create, drop


def statements(dialect: str) -> tuple[list[str], list[str]]:
    return postgresql() if dialect == "postgresql" else sqlite()
