"""Reminders by e-mail against a local SMTP server: due in 7, 3 and 1 days and overdue; two runs
the same day send each reminder once; a run stopped halfway (an exception after N messages, or
the process SIGKILLed while the server takes a message) and restarted sends the rest, no
duplicate."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from search_api.reports.mail import SmtpMailer
from search_api.reports.remind import current_tasks, reminder_for, run_reminders
from search_api.reports.reminders import ReminderError, ReminderStore
from tests.conftest import ROOT
from tests.search_api.reports.conftest import NUMBER_1804, at, record
from tests.search_api.reports.smtp import body, smtp_server

TODAY = date(2022, 12, 26)  # 1804's programme is due 2022-12-31: 5 days left
UNIT = "tong-cuc-thi-hanh-an-dan-su"
OTHER_UNIT = "cuc-thi-hanh-an-dan-su-cac-tinh-thanh-pho-truc-thuoc-trung-uong"
ASSIGNEE = "Nguyễn Văn An"


@pytest.fixture
def log(any_log):
    return any_log


@pytest.fixture
def setup(seeded, log, tmp_path: Path):
    """Deadlines spread over the four kinds; three subscriptions (two units, one person)."""
    tasks = [t for t in seeded.tasks_of(NUMBER_1804) if t.get("deadline") == "2022-12-31"
             and UNIT in t["owner_keys"]]
    moved = {tasks[0]["id"]: "2022-12-27", tasks[1]["id"]: "2022-12-28", tasks[2]["id"]: "2022-12-20",
             tasks[3]["id"]: "2022-12-02"}
    for tid, deadline in moved.items():
        record(log, tid, at("2022-12-01"), deadline=deadline)
    record(log, tasks[4]["id"], at("2022-12-01"), status="done", done_date="2022-12-01")
    record(log, tasks[5]["id"], at("2022-12-01"), status="on_hold")
    record(log, tasks[6]["id"], at("2022-12-01"), assignee=ASSIGNEE)
    record(log, tasks[7]["id"], at("2022-12-01"), assignee=ASSIGNEE, deadline="2022-12-25")
    store = ReminderStore.for_log(log)
    subs = [store.subscribe("owner", UNIT, "tcthads@example.org"),
            store.subscribe("owner", OTHER_UNIT, "cuc@example.org"),
            store.subscribe("assignee", ASSIGNEE, "an@example.org"),
            store.subscribe("owner", "khong-co-don-vi-nay", "nobody@example.org")]
    yield store, subs, tasks
    store.close()


def _mailer(inbox) -> SmtpMailer:
    return SmtpMailer(inbox.host, inbox.port, sender="nhacviec@example.org", timeout=10)


def _task_lines(msg) -> int:
    return sum(1 for line in body(msg).splitlines() if line.startswith("- "))


def test_kinds_by_days_left(seeded, log, setup) -> None:
    _store, _subs, tasks = setup
    by_id = {t["id"]: t for t in current_tasks(seeded.store, log)}
    kinds = [reminder_for(by_id[t["id"]], TODAY) for t in tasks[:8]]
    assert [k.kind if k else None for k in kinds] == ["due_1", "due_3", "overdue", "overdue", None, None,
                                                       "due_7", "overdue"]
    assert kinds[2].day == "2022-12-21" and kinds[3].day == "2022-12-24"  # weeks of lateness: 6 and 24 days
    assert reminder_for(by_id[tasks[2]["id"]], TODAY + timedelta(days=1)).day == "2022-12-21"
    assert reminder_for(by_id[tasks[2]["id"]], TODAY + timedelta(days=2)).day == "2022-12-28"


def test_two_runs_the_same_day_send_each_reminder_once(seeded, log, setup) -> None:
    store, subs, _tasks = setup
    with smtp_server() as inbox:
        first = run_reminders(store, current_tasks(seeded.store, log), _mailer(inbox), TODAY)
        assert first.failed == [] and first.messages == 3 and first.skipped == 1
        recorded = store.sent_count()
        assert recorded == first.reminders > 0
        second = run_reminders(store, current_tasks(seeded.store, log), _mailer(inbox), TODAY)
        assert (second.messages, second.reminders, second.skipped) == (0, 0, 4)
        assert inbox.count() == 3 and store.sent_count() == recorded
        unit_mail = inbox.to("tcthads@example.org")
        assert len(unit_mail) == 1
        msg = unit_mail[0]
        assert msg["Subject"].startswith("[Nhắc việc] Tổng cục Thi hành án dân sự:")
        text = body(msg)
        for heading in ("Nhiệm vụ quá hạn (", "Đến hạn trong 1 ngày (", "Đến hạn trong 3 ngày (",
                        "Đến hạn trong 7 ngày ("):
            assert heading in text
        assert "quá hạn 24 ngày" in text and "thời hạn 27/12/2022" in text
        assert _task_lines(msg) == len(store.sent_keys(subs[0].id))
        assert _task_lines(inbox.to("an@example.org")[0]) == 2
        # The next day: only what changed kind since - the task due 28/12 is now due in 1 day.
        before = {s.id: store.sent_keys(s.id) for s in subs}
        third = run_reminders(store, current_tasks(seeded.store, log), _mailer(inbox), TODAY + timedelta(days=1))
        new = {k for s in subs for k in store.sent_keys(s.id) - before[s.id]}
        assert new == {(_tasks[1]["id"], "due_1", "2022-12-28")}
        assert third.messages == third.reminders == sum(1 for s in subs if store.sent_keys(s.id) != before[s.id])


class _Killed(Exception):
    pass


class _DiesAfter:
    """A mailer whose process "dies" (raises) before sending its (n+1)-th message."""

    def __init__(self, inner: SmtpMailer, n: int) -> None:
        self.inner, self.n, self.sender = inner, n, inner.sender

    def send(self, message) -> None:
        if self.n == 0:
            raise _Killed("killed")
        self.n -= 1
        self.inner.send(message)


def test_a_run_stopped_halfway_then_restarted_sends_the_rest_and_no_duplicate(seeded, log, setup) -> None:
    store, subs, _tasks = setup
    with smtp_server() as inbox:
        with pytest.raises(_Killed):
            run_reminders(store, current_tasks(seeded.store, log), _DiesAfter(_mailer(inbox), 1), TODAY)
        assert inbox.count() == 1
        done_first = store.sent_count()
        rest = run_reminders(store, current_tasks(seeded.store, log), _mailer(inbox), TODAY)
        assert rest.messages == 2 and inbox.count() == 3
        assert sorted(m["To"] for m in inbox.messages) == ["an@example.org", "cuc@example.org",
                                                           "tcthads@example.org"]
        assert store.sent_count() == done_first + rest.reminders
        for sub in subs[:3]:
            mails = inbox.to(sub.email)
            assert len(mails) == 1 and _task_lines(mails[0]) == len(store.sent_keys(sub.id))


def test_a_process_killed_while_the_server_takes_a_message(seeded, log, setup, tmp_path: Path) -> None:
    """``directives remind`` SIGKILLed during its second message: that one was never accepted,
    so it is not recorded; the restart sends it and the third, and nothing twice."""
    store, _subs, _tasks = setup
    with smtp_server() as inbox:
        env = {**os.environ, "DIRECTIVES_DATA_DIR": str(seeded.ctx.settings.data_dir),
               "DATABASE_URL": log.database_url, "DIRECTIVES_ENGINE": "embedded",
               "DIRECTIVES_SMTP_HOST": inbox.host, "DIRECTIVES_SMTP_PORT": str(inbox.port),
               "DIRECTIVES_SMTP_FROM": "nhacviec@example.org"}
        cmd = [sys.executable, "-m", "search_api.cli", "remind", "--date", TODAY.isoformat()]
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def kill_on_second(n: int) -> None:
            if n == 1:
                os.kill(proc.pid, signal.SIGKILL)
                raise RuntimeError("the client died")  # the server never accepts this one

        inbox.before_accept = kill_on_second
        proc.wait(timeout=120)
        assert proc.returncode == -signal.SIGKILL
        assert inbox.count() == 1
        inbox.before_accept = None
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.startswith("2 e-mail(s)")
        assert sorted(m["To"] for m in inbox.messages) == ["an@example.org", "cuc@example.org",
                                                           "tcthads@example.org"]
        again = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0 and again.stdout.startswith("0 e-mail(s)") and inbox.count() == 3


def test_remind_without_smtp_host_says_so(seeded, log, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIRECTIVES_SMTP")}
    env.update({"DIRECTIVES_DATA_DIR": str(seeded.ctx.settings.data_dir), "DATABASE_URL": log.database_url})
    done = subprocess.run([sys.executable, "-m", "search_api.cli", "remind"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "DIRECTIVES_SMTP_HOST is not set" in done.stderr


def test_subscriptions_are_checked(log) -> None:
    store = ReminderStore.for_log(log)
    try:
        with pytest.raises(ReminderError, match="e-mail"):
            store.subscribe("owner", "x", "not-an-address")
        with pytest.raises(ReminderError, match="kind"):
            store.subscribe("team", "x", "a@example.org")
        a = store.subscribe("owner", " so-tu-phap ", "a@example.org")
        assert store.subscribe("owner", "so-tu-phap", "a@example.org") == a
        assert store.unsubscribe(a.id) and store.subscriptions() == []
    finally:
        store.close()
