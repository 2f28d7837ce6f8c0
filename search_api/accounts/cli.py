"""``directives user ...``: people's accounts from the command line.

    directives user create --admin lan          # asks for the password twice
    directives user create minh --role editor --random-password
    directives user list
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

import typer

from search_api.accounts.store import ROLES, AccountError, open_accounts
from search_api.config import get_settings

app = typer.Typer(name="user", help="People's accounts (sign-in with user name and password).",
                  no_args_is_help=True)


@app.command("create")
def create_command(
    name: Annotated[str, typer.Argument(help="User name (sign-in name, no spaces)")],
    admin: Annotated[bool, typer.Option("--admin", help="Administrator (manages people and units)")] = False,
    role: Annotated[str, typer.Option("--role", help="reader | editor | administrator")] = "editor",
    display_name: Annotated[str, typer.Option("--name", help="Full name shown in history")] = "",
    password: Annotated[str | None, typer.Option("--password", help="Else asked for (or --random-password)")] = None,
    random_password: Annotated[bool, typer.Option("--random-password", help="Generate one and print it once")] = False,
) -> None:
    """Create an account; ``--admin`` makes an administrator."""
    role = "administrator" if admin else role
    if role not in ROLES:
        raise typer.BadParameter(f"vai trò phải là một trong: {', '.join(ROLES)}")
    if random_password:
        password = secrets.token_urlsafe(12)
    elif password is None:
        password = typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    try:
        user = open_accounts(get_settings()).create_user(name, password, role=role, display_name=display_name)
    except AccountError as exc:
        typer.echo(f"Không tạo được tài khoản: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Đã tạo tài khoản {user.name} (vai trò {user.role}).")
    if random_password:
        typer.echo(f"Mật khẩu (chỉ hiện một lần): {password}")


@app.command("list")
def list_command() -> None:
    """List the accounts and their roles."""
    for user in open_accounts(get_settings()).users():
        typer.echo(f"{user.name}\t{user.role}\t{user.display_name}")


def first_start_hint(settings: Any) -> None:
    """On a data directory without any account, say how to create the first administrator."""
    try:
        if open_accounts(settings).count_users() > 0:
            return
    except Exception:  # noqa: BLE001 - the hint must never stop the server
        return
    typer.echo("Chưa có tài khoản nào. Tạo quản trị viên đầu tiên bằng lệnh:\n"
               "    .venv/bin/directives user create --admin TEN_DANG_NHAP\n"
               "rồi đăng nhập tại /dang-nhap.", err=True)
