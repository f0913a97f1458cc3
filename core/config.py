"""Settings from environment variables, with documented defaults and early, clear failures.

Every setting is ``KONTORA_<NAME>``; ``create_app(config)`` accepts the same keys to
override the environment (tests, embedding). ``docs/configuration.md`` lists them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(RuntimeError):
    """A setting has a value Kontora cannot run with; the message names it."""


@dataclass(frozen=True)
class Settings:
    """The effective configuration of one Kontora instance."""

    instance_path: Path
    database_url: str
    redis_url: str | None
    secret_key: str
    plugins: str
    smtp_url: str | None
    mail_from: str
    base_url: str
    language: str
    timezone: str
    queue: str
    debug: bool
    vies_url: str = "https://ec.europa.eu/taxation_customs/vies/rest-api/check-vat-number"
    upload_max_bytes: int = 10 * 1024 * 1024
    mailbox_url: str | None = None
    signing_cert: str | None = None
    signing_cert_password: str | None = None

    SECRET_FIELDS = ("secret_key", "signing_cert_password")

    def masked(self) -> dict[str, str]:
        """Every setting as text, passwords in URLs and secret keys replaced by ``***``."""
        shown = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                text = ""
            elif f.name in self.SECRET_FIELDS:
                text = "***"
            elif f.name.endswith("_url"):
                text = mask_url(str(value))
            else:
                text = str(value)
            shown[f"KONTORA_{f.name.upper()}"] = text
        return shown


def mask_url(url: str) -> str:
    """Hide the password in ``scheme://user:password@host``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


_BOOL = {"1": True, "true": True, "yes": True, "on": True,
         "0": False, "false": False, "no": False, "off": False, "": False}


def _bool(name: str, value: str) -> bool:
    try:
        return _BOOL[value.strip().lower()]
    except KeyError:
        raise ConfigError(f"{name} must be true or false, not {value!r}") from None


def _url(name: str, value: str | None, schemes: tuple[str, ...]) -> str | None:
    if value is None or not value.strip():
        return None
    scheme = urlsplit(value).scheme.split("+", 1)[0]
    if scheme not in schemes:
        raise ConfigError(
            f"{name} must start with one of {', '.join(s + '://' for s in schemes)}; "
            f"got {mask_url(value)!r}"
        )
    return value.strip()


def _secret_key(instance: Path, given: str | None) -> str:
    """The given key, or the one kept in ``instance/secret_key``, made on first run."""
    if given:
        if len(given) < 16:
            raise ConfigError("KONTORA_SECRET_KEY must be at least 16 characters long")
        return given
    key_file = instance / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


def load_settings(overrides: Mapping[str, object] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Read ``KONTORA_*`` from ``environ`` (default ``os.environ``), then apply ``overrides``."""
    source: dict[str, str] = {k: v for k, v in (environ or os.environ).items()
                              if k.startswith("KONTORA_")}
    for key, value in (overrides or {}).items():
        if not key.startswith("KONTORA_"):
            raise ConfigError(f"unknown setting {key!r}: settings are named KONTORA_<NAME>")
        source[key] = value if isinstance(value, str) else ",".join(value)  # type: ignore[arg-type]

    known = {f"KONTORA_{f.name.upper()}" for f in fields(Settings)}
    unknown = sorted(set(overrides or {}) - known)
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; "
                          f"known: {', '.join(sorted(known))}")

    instance = Path(source.get("KONTORA_INSTANCE_PATH") or Path.cwd() / "instance").resolve()
    try:
        instance.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"KONTORA_INSTANCE_PATH {instance} cannot be created: {exc}") from exc

    database_url = _url("KONTORA_DATABASE_URL", source.get("KONTORA_DATABASE_URL"),
                        ("sqlite", "postgresql"))
    if database_url is None:
        database_url = f"sqlite:///{instance / 'kontora.db'}"
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")

    language = source.get("KONTORA_LANGUAGE", "en")
    if language not in ("en", "ro", "bg", "ru"):
        raise ConfigError(f"KONTORA_LANGUAGE must be one of en, ro, bg, ru; got {language!r}")

    base_url = source.get("KONTORA_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    _url("KONTORA_BASE_URL", base_url, ("http", "https"))

    return Settings(
        instance_path=instance,
        database_url=database_url,
        redis_url=_url("KONTORA_REDIS_URL", source.get("KONTORA_REDIS_URL"),
                       ("redis", "rediss", "unix")),
        secret_key=_secret_key(instance, source.get("KONTORA_SECRET_KEY")),
        plugins=source.get("KONTORA_PLUGINS", "builtin"),
        smtp_url=_url("KONTORA_SMTP_URL", source.get("KONTORA_SMTP_URL"), ("smtp", "smtps")),
        mail_from=source.get("KONTORA_MAIL_FROM", "Kontora <kontora@localhost>"),
        base_url=base_url,
        language=language,
        timezone=_timezone(source.get("KONTORA_TIMEZONE", "Europe/Bucharest")),
        queue=source.get("KONTORA_QUEUE", "kontora"),
        debug=_bool("KONTORA_DEBUG", source.get("KONTORA_DEBUG", "false")),
        vies_url=_url("KONTORA_VIES_URL", source.get("KONTORA_VIES_URL"), ("http", "https"))
        or Settings.vies_url,
        upload_max_bytes=_positive_int("KONTORA_UPLOAD_MAX_BYTES",
                                       source.get("KONTORA_UPLOAD_MAX_BYTES"),
                                       Settings.upload_max_bytes),
        mailbox_url=_url("KONTORA_MAILBOX_URL", source.get("KONTORA_MAILBOX_URL"),
                         ("imap", "imaps")),
        signing_cert=_existing_file("KONTORA_SIGNING_CERT", source.get("KONTORA_SIGNING_CERT")),
        signing_cert_password=source.get("KONTORA_SIGNING_CERT_PASSWORD") or None,
    )


def _existing_file(name: str, value: str | None) -> str | None:
    """A path that must name a readable file when given (a certificate, a key)."""
    if value is None or not value.strip():
        return None
    path = Path(value.strip()).expanduser()
    if not path.is_file():
        raise ConfigError(f"{name} names {path}, which is not a file")
    return str(path)


def _positive_int(name: str, value: str | None, default: int) -> int:
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if number <= 0:
        raise ConfigError(f"{name} must be a positive whole number, not {value!r}")
    return number


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"KONTORA_TIMEZONE {name!r} is not a known time zone") from None
    return name
