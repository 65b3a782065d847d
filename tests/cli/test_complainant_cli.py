"""The complainant's side wherever a complaint shows outside chat: `show --json` (the contract's
route, severity, remedy, decision_deadline, outcome, accepted, recourse), `show` and its
history, `list`, the audit CSV and JSON, the data subject's export and erasure."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.correspondence import prepare_letters
from bot.letters import compose_decision_letter
from bot.procedure import (
    SYSTEM_ACTOR,
    Acceptance,
    LetterChannel,
    LetterKind,
    Outcome,
    RecourseBody,
    Remedy,
    Route,
    Severity,
    decision,
    inputs,
    steps,
)
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from storage.letters import LetterStore
from tests.procedure import builders as b
from tests.procedure.builders import OFFICER, ams

CONTRACT = ("route", "severity", "remedy", "decision_deadline", "outcome", "accepted", "recourse")


@pytest.fixture(autouse=True)
def clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: Settings, db: Database
) -> None:
    """Every command in an empty folder, on the test's (upgraded) database only."""
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class Clock:
    def __init__(self) -> None:
        self.now = ams(20, 10)

    def __call__(self) -> dt.datetime:
        return self.now


def cao_dispute_in_recourse(service: ComplaintService, clock: Clock) -> str:
    """A CAO dispute, extended, closed ongegrond, the letter sent, niet akkoord, to the GCU."""
    reference = service.submit(b.intake(), SYSTEM_ACTOR).reference
    registration = b.registration(
        route=Route.CAO_DISPUTE,
        remedy=Remedy.COMPENSATION,
        severity=Severity.HIGH,
        severity_reason="Loon niet betaald.",
    )
    service.change(reference, steps.register, OFFICER, registration)
    service.change(reference, steps.record_contact, OFFICER, b.contact(ams(20, 10)))
    extension = inputs.Extension(dt.date(2026, 5, 15), "Wachten op de opdrachtgever.")
    service.change(reference, decision.extend_deadline, OFFICER, extension)
    clock.now = ams(7, 10, month=5)
    letter = compose_decision_letter(service.get(reference), Outcome.NOT_UPHELD, service.settings)
    closure = b.closure(
        no_employee_reason="Geen.", outcome=Outcome.NOT_UPHELD, decision_letter=letter
    )
    service.change(reference, steps.close, OFFICER, closure)
    prepare_letters(service, reference)
    sent = inputs.LetterSent(LetterKind.DECISION, LetterChannel.EMAIL, b.MESSAGE_ID)
    service.change(reference, decision.record_letter_sent, SYSTEM_ACTOR, sent)
    clock.now = ams(11, 10, month=5)
    answer = inputs.AcceptanceRecord(Acceptance.DISAGREED)
    service.change(reference, decision.record_acceptance, OFFICER, answer)
    recourse = inputs.Recourse(RecourseBody.GCU, dt.date(2026, 5, 11))
    service.change(reference, decision.record_recourse, OFFICER, recourse)
    return reference


@pytest.fixture
def story(db: Database, settings: Settings) -> tuple[ComplaintService, str, str]:
    """(service, the CAO dispute in recourse, a complaint just received)."""
    clock = Clock()
    named = settings.model_copy(update={"organisation_name": "Spijtenburg"})
    service = ComplaintService(db, named, clock)
    dispute = cao_dispute_in_recourse(service, clock)
    fresh = service.submit(b.intake(received_at=ams(11, 9, month=5)), SYSTEM_ACTOR).reference
    return service, dispute, fresh


def test_show_json_carries_the_contract_fields(story, capsys) -> None:
    _service, dispute, fresh = story

    code, out, _ = run(capsys, "show", dispute, "--json")
    data = json.loads(out)

    assert code == 0
    assert {key: data[key] for key in CONTRACT} == {
        "route": "cao_geschil",
        "severity": "hoog",
        "remedy": "vergoeding",
        "decision_deadline": "2026-05-15T17:00:00+02:00",
        "outcome": "ongegrond",
        "accepted": False,
        "recourse": {
            "body": "gcu",
            "body_name": None,
            "started_on": "2026-05-11",
            "result": None,
            "result_text": None,
            "decided_on": None,
            "open": True,
        },
    }
    assert data["acceptance"] == "niet_akkoord" and data["severity_reason"] == "Loon niet betaald."
    assert "Geschillencommissie voor de Uitzendbranche" in data["decision_letter"]
    assert not any(key.startswith("recourse_") for key in data)

    fresh_data = json.loads(run(capsys, "show", fresh, "--json")[1])
    assert {key: fresh_data[key] for key in CONTRACT} == {
        "route": "dienstverlening",
        "severity": None,
        "remedy": None,
        "decision_deadline": None,
        "outcome": None,
        "accepted": None,
        "recourse": None,
    }


def test_show_and_its_history_name_them_in_dutch(story, capsys) -> None:
    _service, dispute, _fresh = story

    code, out, _ = run(capsys, "show", dispute)
    assert code == 0
    for line in (
        "Soort                      Cao-geschil",
        "Ernst                      Hoog",
        "Reden ernst                Loon niet betaald.",
        "Gewenste oplossing         Vergoeding",
        "Beslistermijn              vrijdag 15 mei om 17:00",
        "Oordeel                    Ongegrond",
        "Reactie klant              Niet akkoord",
        "Vervolgstap bij            Geschillencommissie Uitzendbranche (GCU)",
        "Vervolgstap op             maandag 11 mei",
    ):
        assert line in out.splitlines(), line

    code, out, _ = run(capsys, "show", dispute, "--history")
    assert code == 0
    for text in (
        "Soort: Dienstverlening → Cao-geschil",
        "Ernst: Hoog",
        "Directie direct inlichten: ernst hoog",
        "Beslistermijn: maandag 11 mei om 17:00",
        "Beslistermijn verlengd · Fatima de Vries (klachtenfunctionaris)",
        "Beslistermijn: maandag 11 mei om 17:00 → vrijdag 15 mei om 17:00",
        "Reden: Wachten op de opdrachtgever.",
        "Oordeel: Ongegrond",
        "Brief aan de klant verstuurd · klachtenbot",
        "Brief: Beslisbrief",
        "Verzonden per: E-mail",
        f"Message-ID: {b.MESSAGE_ID}",
        "Reactie klant: Niet akkoord",
        "Vervolgstap bij: Geschillencommissie Uitzendbranche (GCU)",
    ):
        assert text in out, text
    assert "klachtenbot (klachtenbot)" not in out and "(leeg) →" not in out


def test_list_keeps_its_states_and_leaves_the_letter_out(story, capsys) -> None:
    _service, dispute, _fresh = story

    code, out, _ = run(capsys, "list", "--state", "closed", "--json")
    (listed,) = json.loads(out)
    assert code == 0 and listed["reference"] == dispute
    assert "decision_letter" not in listed and listed["recourse"]["open"] is True
    with pytest.raises(SystemExit) as refused:
        main(["list", "--state", "vervolgstap"])
    assert refused.value.code == 2
    assert "onbekende status" in capsys.readouterr().err


def test_the_audit_export_carries_the_complainants_side_without_the_letter(
    story, capsys, tmp_path
) -> None:
    _service, dispute, fresh = story

    code, _, _ = run(capsys, "export", "--period", "2026-Q2", "--out", str(tmp_path / "audit"))

    assert code == 0
    with (tmp_path / "audit" / "klachten-2026-Q2.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["Kenmerk"]: row for row in csv.DictReader(handle, delimiter=";")}
    assert {key: rows[dispute][key] for key in list(rows[dispute])[-9:]} == {
        "Soort": "Cao-geschil",
        "Ernst": "Hoog",
        "Gewenste oplossing": "Vergoeding",
        "Beslistermijn": "2026-05-15 17:00",
        "Beslist binnen termijn": "ja",
        "Oordeel": "Ongegrond",
        "Reactie klant": "Niet akkoord",
        "Vervolgstap": "Geschillencommissie Uitzendbranche (GCU)",
        "Uitkomst vervolgstap": "",
    }
    assert rows[fresh]["Soort"] == "Dienstverlening" and rows[fresh]["Beslistermijn"] == ""
    document = json.loads((tmp_path / "audit" / "klachten-2026-Q2.json").read_text())
    (record,) = [c for c in document["complaints"] if c["reference"] == dispute]
    assert record["outcome"] == "ongegrond" and "decision_letter" not in record
    assert "Petra" not in json.dumps(document)


def test_the_data_subject_gets_their_letters_and_erasure_removes_them(
    story, capsys, tmp_path
) -> None:
    service, dispute, _fresh = story

    code, out, _ = run(
        capsys, "export", "--complainant", "petra@example.nl", "--out", str(tmp_path / "petra")
    )
    assert code == 0 and "1 brief/brieven" in out
    document = json.loads((tmp_path / "petra" / "gegevens.json").read_text())
    (letter,) = [entry for entry in document["letters"] if entry["complaint"] == dispute]
    assert (letter["kind"], letter["channel"]) == ("decision", "email")
    eml = (tmp_path / "petra" / letter["file"]).read_bytes()
    assert b"Subject: Beslissing op uw klacht" in eml and b"To: Petra Pietersen" in eml

    code, _, _ = run(capsys, "erase", "--complainant", "petra@example.nl", "--yes")
    assert code == 0
    erased = service.get(dispute)
    assert erased.decision_letter == "[verwijderd]"
    assert (erased.outcome, erased.route) == (Outcome.NOT_UPHELD, Route.CAO_DISPUTE)
    with service.db.reading() as session:
        (row,) = LetterStore(session).of_complaint(erased.id)
        assert (row.recipient, row.content) == (None, b"")
