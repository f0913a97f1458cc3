"""Reading one IMAP folder by UID, without touching it (stdlib ``imaplib``).

The folder is opened read-only (``EXAMINE``) and bodies are fetched with ``BODY.PEEK[]``,
so the server never marks a message ``\\Seen`` and the mailbox looks the same to the people
who also read it in their mail client. What has been read is remembered by Kontora as
UIDVALIDITY plus the last UID stored, not by server flags.

``KONTORA_MAILBOX_URL``:

- ``imaps://user:password@host:993/INBOX`` — TLS from the first byte;
- ``imap://user:password@host:143/INBOX`` — STARTTLS, required;
- ``imap://...?starttls=no`` — no encryption at all (a server on the same machine, tests).

User, password and folder are percent-decoded (``%40`` for an ``@`` in a login).
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

TIMEOUT = 60
UIDVALIDITY = re.compile(rb"UIDVALIDITY (\d+)")


class MailboxError(RuntimeError):
    """The mailbox cannot be read: bad setting, server refused, connection lost."""


@dataclass(frozen=True)
class MailboxUrl:
    host: str
    port: int
    user: str
    password: str
    folder: str
    security: str  # "tls", "starttls" or "none"

    @property
    def key(self) -> str:
        """Names the folder in Kontora's bookkeeping (no password)."""
        return f"{self.user}@{self.host}:{self.port}/{self.folder}"


def parse_url(url: str) -> MailboxUrl:
    """The parts of ``KONTORA_MAILBOX_URL``; :class:`MailboxError` names what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps"):
        raise MailboxError("KONTORA_MAILBOX_URL must start with imap:// or imaps://")
    if not parts.hostname or parts.username is None or parts.password is None:
        raise MailboxError("KONTORA_MAILBOX_URL must name user, password and host")
    query = parse_qs(parts.query)
    plain = query.get("starttls", ["yes"])[0].lower() in ("no", "false", "off", "0")
    security = "tls" if parts.scheme == "imaps" else "none" if plain else "starttls"
    try:
        port = parts.port or (993 if security == "tls" else 143)
    except ValueError:
        raise MailboxError("KONTORA_MAILBOX_URL has an invalid port") from None
    return MailboxUrl(host=parts.hostname, port=port, user=unquote(parts.username),
                      password=unquote(parts.password),
                      folder=unquote(parts.path.lstrip("/")) or "INBOX", security=security)


class ImapFolder:
    """An open, read-only IMAP folder: ``with ImapFolder(url) as folder: ...``."""

    def __init__(self, url: MailboxUrl) -> None:
        self.url = url
        self.client: imaplib.IMAP4 | None = None
        self.uidvalidity = 0

    def __enter__(self) -> ImapFolder:
        try:
            self.client = self._connect()
            self.client.login(self.url.user, self.url.password)
            status, data = self.client.select(_quoted(self.url.folder), readonly=True)
            if status != "OK":
                raise MailboxError(f"cannot open folder {self.url.folder!r}: {_text(data)}")
            self.uidvalidity = self._uidvalidity()
        except (imaplib.IMAP4.error, OSError) as exc:
            self.close()
            raise MailboxError(f"cannot read {self.url.key}: {exc}") from exc
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self.client is None:
            return
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            self.client.logout()
        self.client = None

    def uids_after(self, last_uid: int) -> list[int]:
        """UIDs above ``last_uid``, ascending (``n:*`` also names the last message, so the
        answer is filtered)."""
        data = self._uid("SEARCH", None, f"UID {last_uid + 1}:*")
        found = {int(n) for n in b" ".join(d for d in data if d).split()}
        return sorted(uid for uid in found if uid > last_uid)

    def fetch(self, uid: int) -> bytes | None:
        """The message's raw bytes (``None`` if it was expunged meanwhile)."""
        data = self._uid("FETCH", str(uid), "(BODY.PEEK[])")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return bytes(item[1])
        return None

    def messages_after(self, last_uid: int) -> Iterator[tuple[int, bytes]]:
        """``(uid, raw bytes)`` of each message above ``last_uid``, one at a time."""
        for uid in self.uids_after(last_uid):
            raw = self.fetch(uid)
            if raw is not None:
                yield uid, raw

    def _connect(self) -> imaplib.IMAP4:
        url = self.url
        if url.security == "tls":
            return imaplib.IMAP4_SSL(url.host, url.port, ssl_context=ssl.create_default_context(),
                                     timeout=TIMEOUT)
        client = imaplib.IMAP4(url.host, url.port, timeout=TIMEOUT)
        if url.security == "starttls":
            client.starttls(ssl.create_default_context())
        return client

    def _uidvalidity(self) -> int:
        found = self._client().response("UIDVALIDITY")[1]
        if found and found[0]:
            return int(found[0])
        _status, data = self._client().status(_quoted(self.url.folder), "(UIDVALIDITY)")
        match = UIDVALIDITY.search(b" ".join(d for d in data if isinstance(d, bytes)))
        if match is None:
            raise MailboxError(f"{self.url.key} reports no UIDVALIDITY")
        return int(match.group(1))

    def _client(self) -> imaplib.IMAP4:
        if self.client is None:
            raise MailboxError("the folder is not open")
        return self.client

    def _uid(self, *command: str | None) -> list:
        """A UID command's data; a refusal or a lost connection is a :class:`MailboxError`."""
        try:
            status, data = self._client().uid(*command)
        except (imaplib.IMAP4.error, OSError) as exc:
            raise MailboxError(f"lost {self.url.key}: {exc}") from exc
        if status != "OK":
            raise MailboxError(f"{self.url.key} answered {status}: {_text(data)}")
        return data


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(data: list) -> str:
    return " ".join(d.decode("utf-8", "replace") if isinstance(d, bytes) else str(d)
                    for d in data if d)
