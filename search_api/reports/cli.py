"""Commands for reports and reminders, mounted on ``directives`` by ``search_api.cli``:

    directives report --period 2025-Q3 [--owner KEY | --document NUMBER | --issuer NAME]
                      --format docx|xlsx --out FILE [--agency NAME --place NAME --signer TITLE]
    directives remind [--date YYYY-MM-DD] [--dry-run]     (daily, from cron or a systemd timer)
    directives subscribe (--owner KEY | --assignee NAME) --email ADDRESS
    directives follow NUMBER --email ADDRESS

They read the data directory and the edit log only: no search engine is started, and they
take no instance lock (a running ``directives serve`` is not disturbed).

A daily timer, e.g. cron (``DIRECTIVES_SMTP_*`` and ``DIRECTIVES_DATA_DIR`` in the environment)::

    15 7 * * *  cd /srv/directives && .venv/bin/directives remind

or a systemd ``directives-remind.service`` (Type=oneshot, ExecStart=.../directives remind) with a
``directives-remind.timer`` (OnCalendar=*-*-* 07:15, Persistent=true). Re-running is harmless.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(no_args_is_help=True)


def _sources() -> tuple[Any, Any, Any]:
    from search_api.config import get_settings
    from search_api.store import DataStore
    from search_api.tracking.editlog import open_edit_log

    settings = get_settings()
    return settings, DataStore(settings.data_dir), open_edit_log(settings)


def _today(value: str | None) -> date:
    from search_api.context import system_today

    try:
        return date.fromisoformat(value) if value else system_today()
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


@app.command("report")
def report_command(
    period: Annotated[str, typer.Option("--period", help="2025-07, 2025-Q3, 2025-H1, 2025 or "
                                                           "2025-07-01..2025-09-30")],
    out: Annotated[Path, typer.Option("--out", help="File to write")],
    fmt: Annotated[str, typer.Option("--format", help="docx or xlsx")] = "docx",
    owner: Annotated[str | None, typer.Option("--owner", help="One unit (owner key)")] = None,
    document: Annotated[str | None, typer.Option("--document", help="One document (number or id)")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Documents of one issuing body")] = None,
    agency: Annotated[str | None, typer.Option("--agency", help="Body writing the report (header)")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Place written before the date")] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="Signer's title (signature block)")] = None,
    today: Annotated[str | None, typer.Option("--date", help="Report date (default today)")] = None,
) -> None:
    """Write the task report of a period as .docx or .xlsx (figures as of the period's end)."""
    from search_api.reports.docx import write_docx
    from search_api.reports.figures import ReportSource, Scope
    from search_api.reports.periods import PeriodError, parse_period
    from search_api.reports.xlsx import write_xlsx

    if fmt not in ("docx", "xlsx"):
        raise typer.BadParameter("--format must be docx or xlsx")
    try:
        p = parse_period(period)
        scope = Scope.of(owner=owner, document=document, issuer=issuer)
    except (PeriodError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    day = _today(today)
    _settings, store, log = _sources()
    try:
        report = ReportSource.load(store, log).report(p, scope, today=day)
    finally:
        log.close()
    body = (write_docx(report, issuer=agency, place=place, today=day, signer_title=signer) if fmt == "docx"
            else write_xlsx(report))
    out.write_bytes(body)
    typer.echo(f"{out}: {report.title}, {report.total} nhiệm vụ "
               f"({', '.join(f'{k} {v}' for k, v in report.counts.items())})")


@app.command("remind")
def remind_command(
    today: Annotated[str | None, typer.Option("--date", help="Day to remind for (default today)")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would be sent; send nothing")] = False,
) -> None:
    """Send the reminder digests and document alerts not sent yet (safe to re-run)."""
    from search_api.reports.mail import mailer_from_settings
    from search_api.reports.remind import current_tasks, run_reminders
    from search_api.reports.reminders import open_store

    day = _today(today)
    settings, store, log = _sources()
    mailer: Any = mailer_from_settings(settings)
    if dry_run:
        mailer = _PrintMailer(settings.smtp_from)
    elif mailer is None:
        log.close()
        typer.echo("error: DIRECTIVES_SMTP_HOST is not set: nothing can be sent (use --dry-run to see "
                   "what would be)", err=True)
        raise typer.Exit(1)
    try:
        tasks = current_tasks(store, log)
        with open_store(log) as reminders:
            if dry_run:
                reminders = _ReadOnly(reminders)
            report = run_reminders(reminders, tasks, mailer, day)
    finally:
        log.close()
    typer.echo(f"{report.messages} e-mail(s): {report.reminders} reminder(s), {report.alerts} alert(s); "
               f"{report.skipped} subscription(s) with nothing new, {len(report.failed)} failed")
    for msg in report.failed:
        typer.echo(f"  failed: {msg}", err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command("subscribe")
def subscribe_command(
    email: Annotated[str, typer.Option("--email", help="Where the digests go")],
    owner: Annotated[str | None, typer.Option("--owner", help="Unit (owner key)")] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Person the tasks are assigned to")] = None,
) -> None:
    """Subscribe an e-mail address to a unit's or an assignee's reminder digest."""
    from search_api.reports.reminders import ReminderError, open_store

    if bool(owner) == bool(assignee):
        raise typer.BadParameter("give exactly one of --owner and --assignee")
    _settings, _store, log = _sources()
    try:
        with open_store(log) as reminders:
            sub = reminders.subscribe("owner" if owner else "assignee", owner or assignee or "", email)
    except ReminderError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        log.close()
    typer.echo(f"subscription {sub.id}: {sub.kind} {sub.target} -> {sub.email}")


@app.command("follow")
def follow_command(
    document: Annotated[str, typer.Argument(help="Document number as written, or a document id")],
    email: Annotated[str, typer.Option("--email", help="Where the alerts go")],
) -> None:
    """Follow a document: be told when a new document cites, amends, replaces or implements it."""
    from search_api.reports.alerts import follow_document
    from search_api.reports.reminders import ReminderError

    settings, store, log = _sources()
    ctx = _Ctx(store, log)
    try:
        follow = follow_document(ctx, document, email)
    except ReminderError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        log.close()
    typer.echo(f"follow {follow.id}: {follow.label} ({follow.document_key}) -> {follow.email}")


class _Ctx:
    def __init__(self, store: Any, log: Any) -> None:
        self.store, self.edit_log = store, log


class _PrintMailer:
    def __init__(self, sender: str) -> None:
        self.sender = sender

    def send(self, message: Any) -> None:
        from email.header import decode_header, make_header

        subject = str(make_header(decode_header(str(message["Subject"]))))
        text = message.get_payload(decode=True).decode("utf-8")
        typer.echo(f"--- to {message['To']}: {subject}\n{text}")


class _ReadOnly:
    """A dry run reads what was sent but records nothing."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def record_sent(self, subscription_id: int, keys: Any) -> int:
        return len(list(keys))

    def mark_alerts_sent(self, alert_ids: Any) -> None:
        list(alert_ids)
