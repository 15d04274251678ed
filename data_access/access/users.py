"""Users from the command line: create the first administrator, list users, set a password.

    python -m data_access.access.users create-admin USERNAME [--display-name NAME] [--password-stdin]
    python -m data_access.access.users list
    python -m data_access.access.users set-password USERNAME [--password-stdin]

The password is read from the terminal twice, without echo; with `--password-stdin` it is read once
from standard input instead (for scripts: `printf '%s\\n' "$PW" | python -m data_access.access.users ...`),
so it never appears in the process list or the shell history. The database is the app's
(`DATABASE_URL`, else the embedded SQLite file); missing tables are created. `set-password` also lifts
a lock-out and ends the user's open sessions. Every change is written to the audit log as done by
"(command line)".

Exit status: 0 done; 1 refused (weak password, username taken or unknown, the two entries differ);
2 cannot run (bad arguments, no terminal to read a password from, database unreachable).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.exc import SQLAlchemyError

from analysis.errors import AtlasError
from data_access.access import auth, user_admin
from data_access.config import database_url, describe_url
from data_access.engine import make_engine
from data_access.schema import create_schema

EXIT_DONE, EXIT_REFUSED, EXIT_CANNOT_RUN = 0, 1, 2


class _CannotRun(AtlasError):
    """Exit 2: nothing was attempted."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_access.access.users",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-admin", help="create an administrator")
    create.add_argument("username")
    create.add_argument("--display-name", default="", help="name shown in the app (default: the username)")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    commands.add_parser("list", help="list users, their roles, scopes and locks")
    reset = commands.add_parser("set-password", help="set a user's password and lift a lock-out")
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    args = parser.parse_args(argv)

    url = database_url()
    engine = make_engine(url)
    try:
        create_schema(engine)
        if args.command == "create-admin":
            password = _read_password(args.password_stdin)
            user_admin.create_user(
                engine, args.username, password, "admin", args.display_name, actor=auth.CONSOLE
            )
            print(f"สร้างผู้ดูแลระบบ {auth.normalise_username(args.username)} แล้ว / administrator created")
        elif args.command == "set-password":
            user_id = user_admin.find_user_id(engine, args.username)
            if user_id is None:
                raise AtlasError(f"ไม่พบผู้ใช้ {args.username}", f"No user named {args.username}")
            password = _read_password(args.password_stdin)
            user_admin.reset_password(engine, auth.CONSOLE, user_id, password)
            print("ตั้งรหัสผ่านใหม่แล้ว / password set")
        else:
            _print_users(engine)
    except _CannotRun as problem:
        _print_error(problem)
        return EXIT_CANNOT_RUN
    except AtlasError as problem:
        _print_error(problem)
        return EXIT_REFUSED
    except SQLAlchemyError as problem:
        print(
            f"ใช้ฐานข้อมูลไม่ได้ / cannot use the database {describe_url(url)}: {type(problem).__name__}",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
    finally:
        engine.dispose()
    return EXIT_DONE


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().removesuffix("\n").removesuffix("\r")
    if not sys.stdin.isatty():
        raise _CannotRun(
            "ไม่มีเทอร์มินัลให้พิมพ์รหัสผ่าน ใช้ --password-stdin",
            "No terminal to type the password in; use --password-stdin",
        )
    first = getpass.getpass("รหัสผ่าน / password: ")
    auth.check_password(first)  # say so before asking again
    if getpass.getpass("พิมพ์อีกครั้ง / again: ") != first:
        raise AtlasError("รหัสผ่านสองครั้งไม่ตรงกัน", "The two passwords differ")
    return first


def _print_users(engine) -> None:
    users = user_admin.list_users(engine, auth.CONSOLE)
    if users.empty:
        print("ยังไม่มีผู้ใช้ / no users yet: python -m data_access.access.users create-admin USERNAME")
        return
    print("username\trole\tactive\tscopes\tlocked_until\tdisplay_name")
    for user in users.itertuples():
        locked = (
            ""
            if user.locked_until is None or str(user.locked_until) in ("NaT", "None")
            else user.locked_until
        )
        print(f"{user.username}\t{user.role}\t{user.active}\t{user.scopes}\t{locked}\t{user.display_name}")


def _print_error(problem: AtlasError) -> None:
    print(f"{problem.message_th}\n{problem.message_en}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
