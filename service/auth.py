"""Who is asking, and what they may change: sign-in, roles, a trusted reverse proxy.

Two modes (setting ``EGOV_ASSESS_AUTH``):

``users`` (default)
    People sign in at ``/login`` with a name and a password. Accounts are made by an administrator
    (``python -m service users add NAME --role analyst``); passwords are kept as Argon2id hashes
    (``argon2-cffi``), never in clear. The session is a signed cookie (Flask), ``HttpOnly``, ``SameSite=Lax``,
    ``Secure`` with ``EGOV_ASSESS_SECURE_COOKIES=1``; its key is ``EGOV_ASSESS_SECRET_KEY`` or a random key made
    once in ``$EGOV_ASSESS_VAR/secret_key`` (the same for every worker of the host).
``proxy``
    A reverse proxy in front (one that authenticates: Apache/nginx with the ministry's SSO, oauth2-proxy …)
    names the user in a header (``EGOV_ASSESS_PROXY_HEADER``, default ``X-Forwarded-User``). The header is
    believed only from the proxy's addresses (``EGOV_ASSESS_TRUSTED_PROXIES``); the user's role is the one of
    their account (``python -m service users add NAME --role analyst --no-password``), ``viewer`` otherwise.

Anyone, signed in or not, may read, download and run analyses; changes need a role (:data:`ALLOWED`). Every
change passes the user's name to the store, which records it with the time.

Examples
--------
>>> allowed(Identity("leyla", "analyst"), "save"), allowed(ANONYMOUS, "save"), allowed(Identity("a", "admin"), "import")
(True, False, True)
>>> verify_password(hash_password("correct horse battery"), "correct horse battery")
True
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import argon2

from assess import settings
from assess.errors import AssessError
from assess.strategy import users

#: What each action needs: the roles allowed to do it (anonymous visitors: none).
ALLOWED = {
    "save": ("analyst", "admin"),
    "delete_own": ("analyst", "admin"),
    "delete_any": ("admin",),
    "restore": ("admin",),
    "import": ("admin",),
    "manage_users": ("admin",),
}
#: Bounds of a password (longer ones are refused before hashing: hashing is deliberately slow).
PASSWORD_CHARS = (10, 256)

_HASHER = argon2.PasswordHasher()


class PermissionDenied(AssessError):
    """The user (or an anonymous visitor) may not do this."""


@dataclass(frozen=True)
class Identity:
    """Who asks: a user ``name`` and ``role``, or ``None`` and ``None`` for an anonymous visitor."""

    name: str | None
    role: str | None

    @property
    def signed_in(self) -> bool:
        return self.name is not None


ANONYMOUS = Identity(None, None)


def hash_password(password: str) -> str:
    """An Argon2id hash of *password* (10 to 256 characters).

    Examples
    --------
    >>> hash_password("short")
    Traceback (most recent call last):
    ...
    service.auth.PermissionDenied: a password has 10 to 256 characters; this one has 5.
    """
    if not isinstance(password, str) or not PASSWORD_CHARS[0] <= len(password) <= PASSWORD_CHARS[1]:
        n = len(password) if isinstance(password, str) else 0
        raise PermissionDenied(f"a password has {PASSWORD_CHARS[0]} to {PASSWORD_CHARS[1]} characters; this one "
                               f"has {n}.")
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether *password* matches the Argon2 hash (``False`` for no hash, a wrong or an over-long password).

    Examples
    --------
    >>> verify_password(None, "x"), verify_password(hash_password("0123456789"), "x" * 10_000)
    (False, False)
    """
    if not password_hash or not isinstance(password, str) or len(password) > PASSWORD_CHARS[1]:
        return False
    try:
        return _HASHER.verify(password_hash, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def authenticate(name: str, password: str, db=None) -> Identity | None:
    """The identity of *name* when *password* is right and the account is enabled; ``None`` otherwise.

    The time taken does not tell whether the name exists (a dummy hash is checked for unknown names).
    """
    account = users.get_user(name, db=db) if isinstance(name, str) else None
    if account is None or account["disabled"] or not account["password_hash"]:
        verify_password(_DUMMY, password if isinstance(password, str) else "")
        return None
    return Identity(account["name"], account["role"]) if verify_password(account["password_hash"], password) else None


_DUMMY = _HASHER.hash("a password nobody has, checked for unknown names")


def allowed(identity: Identity, action: str) -> bool:
    """Whether *identity* may do *action* (a key of :data:`ALLOWED`)."""
    return identity.role in ALLOWED[action]


def require(identity: Identity, action: str, what: str) -> Identity:
    """*identity*, or :class:`PermissionDenied` saying who may *what* and how to become one.

    Examples
    --------
    >>> require(ANONYMOUS, "save", "save an assessment")
    Traceback (most recent call last):
    ...
    service.auth.PermissionDenied: Sign in to save an assessment: visitors can read but not change anything (analysts and administrators can).
    """
    if allowed(identity, action):
        return identity
    roles = " and ".join({"analyst": "analysts", "admin": "administrators"}[r] for r in ALLOWED[action])
    if not identity.signed_in:
        raise PermissionDenied(f"Sign in to {what}: visitors can read but not change anything ({roles} can).")
    raise PermissionDenied(f"{identity.name} ({identity.role}) may not {what}: only {roles} can.")


def role_of(name: str, db=None) -> str:
    """The role of *name* in ``proxy`` mode: their account's, else ``viewer`` (a disabled account: none)."""
    account = users.get_user(name, db=db)
    if account is None:
        return "viewer"
    return None if account["disabled"] else account["role"]


def trusted(remote_addr: str | None) -> bool:
    """Whether a request from *remote_addr* may name its user in the proxy header.

    Examples
    --------
    >>> import os; os.environ["EGOV_ASSESS_TRUSTED_PROXIES"] = "10.0.0.0/8,127.0.0.1"
    >>> trusted("10.1.2.3"), trusted("127.0.0.1"), trusted("192.168.1.5"), trusted(None)
    (True, True, False, False)
    >>> del os.environ["EGOV_ASSESS_TRUSTED_PROXIES"]
    """
    if not remote_addr:
        return False
    try:
        addr = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    for net in settings.get("EGOV_ASSESS_TRUSTED_PROXIES"):
        try:
            if addr in ipaddress.ip_network(net, strict=False):
                return True
        except ValueError:
            continue
    return False


def secret_key() -> str:
    """``EGOV_ASSESS_SECRET_KEY``, else the host's random key in ``$EGOV_ASSESS_VAR/secret_key`` (made once,
    atomically, readable by its owner only, so every worker process signs with the same key)."""
    key = settings.get("EGOV_ASSESS_SECRET_KEY")
    if key:
        return key
    folder = Path(settings.get("EGOV_ASSESS_VAR"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        tmp = folder / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(48))
        try:
            os.link(tmp, path)  # fails when another process made it first: theirs is kept
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    text = path.read_text(encoding="ascii").strip()
    if len(text) < 32:
        raise PermissionDenied(f"{path}: the session key is shorter than 32 characters; delete the file to make a "
                               "new one.")
    return text
