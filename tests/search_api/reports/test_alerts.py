"""Alerts for legal teams: a follower of a document is told when a newly ingested document
cites, amends, replaces or implements it (recorded at ingest, sent by the next remind run)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from nlp.model import Relation
from nlp.relations import relation_labels
from search_api.context import Context
from search_api.pipeline import ensure_ready
from search_api.reports.alerts import follow_document, follow_key, record_alerts
from search_api.reports.mail import SmtpMailer
from search_api.reports.remind import run_reminders
from search_api.reports.reminders import open_store
from tests.search_api.conftest import index_seeds, make_settings
from tests.search_api.reports.smtp import body, smtp_server


def test_follow_key_is_the_canonical_number() -> None:
    assert follow_key("Quyết định số 1804/qđ-btp") == "1804/QĐ-BTP"
    assert follow_key("Quy định 132-QĐ/TW") == "132-QĐ/TW"
    assert follow_key("Luật Thi hành án  dân sự") == "luật thi hành án dân sự"


def test_a_new_document_implementing_a_followed_one_alerts_its_follower(tmp_path) -> None:
    ctx = Context.from_settings(make_settings(None, tmp_path / "data", DIRECTIVES_INSTANCE_LOCK=False))
    try:
        ensure_ready(ctx)
        follow = follow_document(ctx, "Quy định 132-QĐ/TW", "phapche@example.org")
        follow_document(ctx, "Quyết định số 1804/QĐ-BTP", "phapche@example.org")  # ingested itself: no alert
        follow_document(ctx, "Nghị quyết 999-NQ/TW", "other@example.org")  # cited by no seed
        follow_document(ctx, "Luat thi hanh an dan su 2008", "law@example.org")  # a name, no accents
        assert follow.document_key == "132-QĐ/TW"
        ids = index_seeds(ctx)
        with open_store(ctx.edit_log) as store:
            pending = [a for a in store.pending_alerts() if a.email == "phapche@example.org"]
            assert [(a.document_key, a.relation) for a in pending] == [("132-QĐ/TW", "implements")]
            law = [a for a in store.pending_alerts() if a.email == "law@example.org"]
            assert law and all(a.document_key == "luat thi hanh an dan su 2008" for a in law)
            assert {a.email for a in store.pending_alerts()} == {"phapche@example.org", "law@example.org"}
            assert pending[0].citing_doc_id in ids.values()
            assert "132-QĐ/TW" in (pending[0].sentence or "")
            # Ingesting the same document again records nothing new.
            doc, ext = ctx.store.load(pending[0].citing_doc_id)
            assert record_alerts(ctx, doc, ext) == 0
            with smtp_server() as inbox:
                mailer = SmtpMailer(inbox.host, inbox.port, sender="vanban@example.org", timeout=10)
                first = run_reminders(store, [], mailer, date(2024, 6, 1))
                assert (first.alerts, first.messages) == (1 + len(law), 2)
                (msg,) = inbox.to("phapche@example.org")
                assert msg["Subject"] == "[Theo dõi văn bản] Văn bản mới liên quan đến Quy định 132-QĐ/TW"
                assert f" {relation_labels()[Relation.IMPLEMENTS].text()} Quy định 132-QĐ/TW." in body(msg)
                again = run_reminders(store, [], mailer, date(2024, 6, 1))
                assert (again.alerts, again.messages, inbox.count()) == (0, 0, 2)
            assert store.pending_alerts() == []
    finally:
        ctx.search.drop_all()
        ctx.close()


def test_recording_alerts_never_fails_an_ingest() -> None:
    class Broken:
        @property
        def edit_log(self):
            raise RuntimeError("the database is gone")

    doc = SimpleNamespace(id="d1", metadata=SimpleNamespace(number=None, title=None))
    assert record_alerts(Broken(), doc, SimpleNamespace(references=[])) == 0
