"""Engines, the unit of work and after-commit callbacks.

One session per request, job or CLI command: :meth:`Database.unit` opens it, commits when
the block ends normally and rolls back otherwise. Code inside reaches it with
:func:`session`. Work registered with :func:`after_commit` (signal delivery, job dispatch)
runs only once the transaction it belongs to has committed, and is dropped on rollback.

On SQLite a unit that may write begins its transactions with ``BEGIN IMMEDIATE``: it takes
the database's write lock first and waits for it (busy timeout) instead of reading a
snapshot that another writer's commit makes stale, which SQLite cannot upgrade to a write
and answers with "database is locked" at once (the approach of Rails' and Django's SQLite
``IMMEDIATE`` transaction mode). Read-only units (a ``GET`` request) begin deferred and run
beside the writer, as WAL allows. A lock still not free after the busy timeout raises
:class:`core.errors.DatabaseBusy` (503, try again), mapped here once for every caller.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextvars import ContextVar, Token

from sqlalchemy import Table, create_engine, event, text
from sqlalchemy.engine import Connection, Engine, ExceptionContext
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from core.errors import DatabaseBusy

log = logging.getLogger(__name__)

_current: ContextVar[Session | None] = ContextVar("kontora_session", default=None)
_read_only: ContextVar[bool] = ContextVar("kontora_read_only", default=False)

SQLITE_BUSY_TIMEOUT = 30  # seconds a SQLite writer waits for the write lock
CONNECT_TIMEOUT = 10  # seconds to reach a database server: an unreachable one fails, not hangs
WRITE_LOCK = "kontora.write_lock"  # connection.info flag: this transaction holds it

PENDING = "kontora.pending"  # callbacks of the open transaction
READY = "kontora.ready"  # callbacks whose transaction committed, not yet run


class Database:
    """An engine and its session factory for one Kontora instance."""

    def __init__(self, url: str, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo=echo)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self.Session, "after_commit", _promote_pending)
        event.listen(self.Session, "after_rollback", _drop_pending)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def unit(self, *, read_only: bool = False) -> UnitOfWork:
        """A unit of work: ``with db.unit() as session:`` commits on success.

        ``read_only`` promises the unit will not write, so on SQLite its transactions need
        not wait for the write lock (a write it makes anyway may meet "database is busy").
        """
        return UnitOfWork(self, read_only=read_only)

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """One session and its transaction, bound to the current context while open.

    Used as a context manager by jobs, commands and tests; the web layer drives
    :meth:`open` and :meth:`close` from request hooks.
    """

    def __init__(self, db: Database, *, read_only: bool = False) -> None:
        self.db = db
        self.read_only = read_only
        self.session: Session | None = None
        self._token: Token | None = None
        self._mode: Token | None = None

    def open(self) -> Session:
        self.session = self.db.Session()
        self._token = _current.set(self.session)
        self._mode = _read_only.set(self.read_only)
        return self.session

    def close(self, commit: bool) -> None:
        """Commit (then run after-commit callbacks) or roll back, and release the session."""
        sess = self.session
        if sess is None:
            return
        try:
            if commit:
                sess.commit()
                run_ready(sess)
            else:
                sess.rollback()
        except BaseException:
            sess.rollback()
            raise
        finally:
            self.session = None
            if self._token is not None:
                _current.reset(self._token)
                self._token = None
            if self._mode is not None:
                _read_only.reset(self._mode)
                self._mode = None
            sess.close()

    def __enter__(self) -> Session:
        return self.open()

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self.close(commit=exc_type is None)


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine with the embedded-default pragmas on SQLite (WAL, foreign keys, busy wait)."""
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT, "check_same_thread": False},
            poolclass=StaticPool if memory else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; take it over.
        event.listen(engine, "begin", _sqlite_begin)
        for name in ("commit", "rollback"):
            event.listen(engine, name, _forget_write_lock)
        event.listen(engine, "handle_error", _sqlite_busy)
        return engine
    # Plan every statement for its own values: a search or filter value decides whether
    # an index helps, and PostgreSQL's generic plan for a prepared statement ignores it
    # (docs/benchmarks.md measured a 0.3 s page turning into 2.2 s).
    engine = create_engine(url, echo=echo, pool_pre_ping=True,
                           connect_args={"options": "-c plan_cache_mode=force_custom_plan",
                                         "connect_timeout": CONNECT_TIMEOUT})
    event.listen(engine, "handle_error", _refused_connection)
    return engine


def _refused_connection(context: ExceptionContext) -> None:
    """A connection that cannot be made counts as a lost one (``connection_invalidated``):
    the server is away, so callers answer "try again" instead of reporting a bug."""
    if context.connection is None and not context.is_pre_ping and \
            isinstance(context.sqlalchemy_exception, OperationalError):
        context.is_disconnect = True


def database_unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database server could not be reached or was lost."""
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000}")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE`` for a unit that may write, plain ``BEGIN`` for a read-only one."""
    if _read_only.get():
        conn.exec_driver_sql("BEGIN")
        conn.info.pop(WRITE_LOCK, None)  # the pool's reset on return fires no event
        return
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    except (DatabaseBusy, DBAPIError, sqlite3.OperationalError) as exc:
        if not isinstance(exc, DatabaseBusy) and "locked" not in str(exc):
            raise
        # Still locked after the busy timeout. Failing here would leave the session half
        # connected; begin deferred instead: reads go on, a write meets the lock and
        # raises DatabaseBusy from a statement the session recovers from.
        conn.exec_driver_sql("BEGIN")
        conn.info.pop(WRITE_LOCK, None)
        return
    conn.info[WRITE_LOCK] = True


def _forget_write_lock(conn: Connection) -> None:
    conn.info.pop(WRITE_LOCK, None)


def _sqlite_busy(context: ExceptionContext) -> None:
    """SQLite's "database is locked" is a busy database, not a bug: 503, try again."""
    original = context.original_exception
    if "database is locked" in str(original) or "database table is locked" in str(original):
        raise DatabaseBusy() from original


def hold_write_lock(sess: Session, table: Table) -> None:
    """On SQLite, make the current transaction hold the database's write lock.

    A unit that began ``IMMEDIATE`` has it already; a read-only one takes it with a write
    that changes nothing (``DatabaseBusy`` when another writer committed since it read).
    On other databases this does nothing: they lock rows (``SELECT ... FOR UPDATE``).
    """
    conn = sess.connection()
    if conn.dialect.name != "sqlite" or conn.info.get(WRITE_LOCK):
        return
    pk = next(iter(table.primary_key.columns)).name
    conn.execute(text(f'UPDATE "{table.name}" SET "{pk}" = "{pk}" WHERE 0'))
    conn.info[WRITE_LOCK] = True


def session() -> Session:
    """The session of the current unit of work; outside one this is a programming error."""
    sess = _current.get()
    if sess is None:
        raise RuntimeError(
            "no unit of work is open: wrap the call in `with db.unit():` "
            "(requests, jobs and CLI commands open one for you)"
        )
    return sess


def current_session() -> Session | None:
    """The open session, or ``None`` outside a unit of work."""
    return _current.get()


def after_commit(callback: Callable[[], None], sess: Session | None = None) -> None:
    """Run ``callback`` after the current transaction commits; forget it if it rolls back."""
    (sess or session()).info.setdefault(PENDING, []).append(callback)


def _promote_pending(sess: Session) -> None:
    pending = sess.info.pop(PENDING, [])
    sess.info.setdefault(READY, []).extend(pending)


def _drop_pending(sess: Session) -> None:
    sess.info.pop(PENDING, None)


def run_ready(sess: Session) -> None:
    """Run callbacks of committed transactions; what they write is committed in turn.

    A failing callback is logged and its writes rolled back: the fact it reacts to is
    already committed and must not be undone by a listener.
    """
    while sess.info.get(READY):
        callback = sess.info[READY].pop(0)
        try:
            callback()
            sess.commit()
        except Exception:
            log.exception("after-commit callback %r failed", callback)
            sess.rollback()
