"""A real Dovecot IMAP server for the mailbox tests, configured and started in a temp dir.

Debian's ``dovecot-imapd`` (``make test`` installs it) runs from a minimal config written
here: IMAP on 127.0.0.1 at a free port, no TLS, plain-text login allowed, users from a
passwd-file with plain passwords (a pool of logins written before the start, one handed to
each test, so no test sees another's mail), Maildir storage, state, sockets and the log under
the temp dir.

Run as root (containers, CI) Dovecot refuses to let its login processes or mail processes
be root, so those run as the package's ``dovenull`` and ``dovecot`` users and the folder is
made traversable for them; run as anyone else, everything runs as that user.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BINARY = "/usr/sbin/dovecot"
PASSWORD = "secret-Pa55"
USERS = 200


class Dovecot:
    """One running server; :meth:`new_user` gives each test a mailbox of its own."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="kontora-dovecot-"))
        self.root.chmod(0o755)
        self.port = _free_port()
        self.log = self.root / "dovecot.log"
        self.users = self.root / "users"
        self.logins = [f"box{n:03d}" for n in range(USERS)]
        self.users.write_text("".join(f"{login}:{{PLAIN}}{PASSWORD}::::::\n"
                                      for login in self.logins), encoding="utf-8")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        mail = self.root / "mail"
        mail.mkdir()
        conf = self.root / "dovecot.conf"
        conf.write_text(self._config(mail), encoding="utf-8")
        if os.geteuid() == 0:
            mail_user = pwd.getpwnam(_system_user("dovecot"))
            os.chown(mail, mail_user.pw_uid, mail_user.pw_gid)
        self.process = subprocess.Popen([BINARY, "-F", "-c", str(conf)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        self._wait_ready()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)

    def new_user(self) -> str:
        """A mailbox login no test has used yet (password :data:`PASSWORD`)."""
        return self.logins.pop(0)

    def url(self, login: str, folder: str = "INBOX") -> str:
        return f"imap://{login}:{PASSWORD}@127.0.0.1:{self.port}/{folder}?starttls=no"

    def connect(self, login: str) -> imaplib.IMAP4:
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(login, PASSWORD)
        return client

    def append(self, login: str, *messages: bytes, folder: str = "INBOX") -> None:
        """Deliver ``messages`` as a mail client would file them: IMAP APPEND."""
        client = self.connect(login)
        try:
            for raw in messages:
                status, data = client.append(folder, None, None, raw)
                assert status == "OK", data
        finally:
            client.logout()

    def _config(self, mail: Path) -> str:
        if os.geteuid() == 0:
            internal, login_user = _system_user("dovecot"), _system_user("dovenull")
            mail_uid = internal
        else:
            internal = login_user = mail_uid = pwd.getpwuid(os.geteuid()).pw_name
        return f"""\
protocols = imap
listen = 127.0.0.1
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name}
default_login_user = {login_user}
mail_uid = {mail_uid}
mail_gid = {pwd.getpwnam(mail_uid).pw_gid}
first_valid_uid = 1
mail_location = maildir:{mail}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.users}
}}
userdb {{
  driver = static
  args = home={mail}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self._log_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self._log_text()}")

    def _log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() \
            else "(no log)"


def _system_user(name: str) -> str:
    """The Debian package's user ``name``, or ``nobody`` where it does not exist."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return "nobody"
    return name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
