"""``python -m service``: serve the dashboard, run a jobs worker, manage accounts.

* ``serve`` — the dashboard under gunicorn (``make serve``; :mod:`service.serve`);
* ``worker`` — a Celery worker for background jobs (needs ``REDIS_URL``; ``make worker``);
* ``check [--seconds N]`` — send a check job and wait for it (are jobs taken and finished?);
* ``users add NAME --role viewer|analyst|admin [--no-password]``, ``users set NAME [--role R] [--password]
  [--disable|--enable]``, ``users list`` — accounts (passwords asked twice on the terminal, or one line on
  standard input with ``--password-stdin``; kept as Argon2id hashes).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from assess import settings
from assess.errors import AssessError


def _password(args) -> str | None:
    from service import auth

    if getattr(args, "no_password", False):
        return None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise auth.PermissionDenied("the two passwords differ; nothing was changed.")
    return auth.hash_password(password)


def _users(args) -> int:
    from assess.strategy import users

    if args.users_cmd == "list":
        df = users.list_users()
        print(df.to_string(index=False) if len(df) else "no accounts (add one: python -m service users add NAME "
                                                         "--role admin)")
        return 0
    if args.users_cmd == "add":
        users.add_user(args.name, args.role, password_hash=_password(args), user=args.by)
        print(f"user {args.name} added ({args.role})")
        return 0
    users.update_user(args.name, role=args.role, disabled=True if args.disable else False if args.enable else None,
                      password_hash=_password(args) if args.password or args.password_stdin else None, user=args.by)
    print(f"user {args.name} changed")
    return 0


def _worker(_args) -> int:
    if not settings.get("REDIS_URL"):
        print("error: a jobs worker needs REDIS_URL (redis://HOST:6379/0); without it the server runs jobs itself.",
              file=sys.stderr)
        return 2
    argv = [sys.executable, "-m", "celery", "-A", "service.celery_app", "worker", "--loglevel", "INFO",
            "--concurrency", str(settings.get("EGOV_ASSESS_MAX_JOBS")), "--queues", "egov-assess"]
    os.execv(sys.executable, argv)
    return 0  # not reached


def _check(args) -> int:
    import json
    import time

    from service import jobs

    jid = jobs.submit("check", {"seconds": args.seconds, "tag": f"check {time.time():.0f}"})
    where = "a Celery worker (REDIS_URL)" if settings.get("REDIS_URL") else "this process (no REDIS_URL)"
    print(f"job {jid} sent to {where}")
    deadline = time.monotonic() + args.seconds + args.timeout
    while time.monotonic() < deadline:
        job = jobs.status(jid)
        print(f"  {job['state']}: {jobs.progress_text(job)}")
        if job["state"] == "done":
            print("ok:", json.loads(jobs.result(jid)))
            return 0
        if job["state"] in ("failed", "cancelled"):
            return 1
        time.sleep(1)
    print(f"error: the job was not finished within {args.seconds + args.timeout} s; is a worker running?",
          file=sys.stderr)
    jobs.cancel(jid)
    return 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m service", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="the dashboard under gunicorn (make serve)")
    sub.add_parser("worker", help="a Celery worker for background jobs (REDIS_URL)")
    ck = sub.add_parser("check", help="send a check job and wait for it")
    ck.add_argument("--seconds", type=int, default=2)
    ck.add_argument("--timeout", type=int, default=60)
    u = sub.add_parser("users", help="accounts: add, set, list")
    usub = u.add_subparsers(dest="users_cmd", required=True)
    usub.add_parser("list", help="every account (never the password hashes)")
    add = usub.add_parser("add", help="a new account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["viewer", "analyst", "admin"])
    add.add_argument("--no-password", action="store_true", help="proxy mode: the proxy signs people in")
    st = usub.add_parser("set", help="change an account")
    st.add_argument("name")
    st.add_argument("--role", choices=["viewer", "analyst", "admin"])
    st.add_argument("--password", action="store_true", help="set a new password")
    g = st.add_mutually_exclusive_group()
    g.add_argument("--disable", action="store_true")
    g.add_argument("--enable", action="store_true")
    for sp in (add, st):
        sp.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        sp.add_argument("--by", help="who makes the change (default: the local account)")
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            from service.serve import main as serve

            return serve()
        if args.command == "worker":
            return _worker(args)
        if args.command == "check":
            return _check(args)
        return _users(args)
    except AssessError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
