"""`alongside budget verify`: a sealed round checks out; a ballot, a stored file or a published
result changed afterwards is caught and the round named; and the file anyone downloads
re-tallies to the published selection with `alongside budget tally`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core import management
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Model

from alongside import cli
from alongside.accounts.models import Organisation
from alongside.budgeting.models import Ballot, Result, Round, SealedFile
from alongside.budgeting.rules import cli as tally_cli
from tests.budgeting import factories_results as built

pytestmark = pytest.mark.django_db


def _verify(*args: str) -> str:
    out = io.StringIO()
    call_command("budget", "verify", *args, stdout=out)
    return out.getvalue()


def _raw(model: type[Model], pk: int, column: str, value: object) -> None:
    """Change a row behind the services' back, as someone with the database might."""
    table, column = (
        connection.ops.quote_name(model._meta.db_table),
        connection.ops.quote_name(column),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608


def test_a_sealed_and_published_round_verifies(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    out = _verify(str(round_.public_id))
    assert f"Round {round_.public_id} ({round_.title}): seal {round_.seal} OK" in out
    assert "1 sealed round verified." in out


def test_a_ballot_changed_after_sealing_is_caught(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    ballot = Ballot.objects.filter(round=round_).order_by("pk").first()
    assert ballot is not None
    _raw(Ballot, ballot.pk, "choices", "[2]")

    with pytest.raises(CommandError) as caught:
        _verify(str(round_.public_id))

    message = str(caught.value)
    assert f"Round {round_.public_id}" in message
    assert "do not make its seal" in message


def test_a_ballot_added_after_sealing_is_caught(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    extra = Ballot.objects.filter(round=round_).order_by("pk").first()
    assert extra is not None
    extra.pk = None
    extra.participation = None
    extra.channel = Ballot.Channel.PAPER
    extra.receipt_code = "ZZZZ-ZZZZ-ZZZZ"
    extra.idempotency_key = "9d9e6c8e-2f53-4ab6-a8d3-8a5a1ad2c0e1"
    extra.save()
    with pytest.raises(CommandError, match="something changed after it was sealed"):
        _verify(str(round_.public_id))


def test_a_published_result_changed_is_caught(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    result = Result.objects.get(round=round_)
    _raw(Result, result.pk, "selected", "[1, 3]")
    with pytest.raises(CommandError, match="its published selected is not what a re-count gives"):
        _verify(str(round_.public_id))


def test_an_explanation_changed_is_caught(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    result = Result.objects.get(round=round_)
    projects = dict(result.projects)
    projects["2"] = {**projects["2"], "votes": 400}
    _raw(Result, result.pk, "projects", json.dumps(projects))
    with pytest.raises(CommandError, match="explanations are not what a re-count gives"):
        _verify(str(round_.public_id))


def test_a_stored_file_changed_is_caught(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    file = SealedFile.objects.get(round=round_)
    _raw(SealedFile, file.pk, "text", file.text.replace("num_votes;9", "num_votes;10"))
    with pytest.raises(CommandError, match="does not match its hash"):
        _verify(str(round_.public_id))


def test_renaming_the_round_or_organisation_afterwards_is_not_tampering(
    organisation: Organisation,
) -> None:
    round_ = built.published_round(organisation)
    Round.objects.filter(pk=round_.pk).update(title="Youth budget 2026 (renamed)")
    Organisation.objects.filter(pk=organisation.pk).update(name="Riverside Youth Trust")
    assert "1 sealed round verified." in _verify(str(round_.public_id))


def test_all_checks_every_sealed_round_and_names_the_one_that_changed(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    good = built.published_round(organisation)
    bad = built.counted_round(other_organisation)  # sealed and counted, not published
    built.round_with_ballots(organisation, ballots=[[1]])  # still voting: nothing to check
    ballot = Ballot.objects.filter(round=bad).order_by("pk").first()
    assert ballot is not None
    _raw(Ballot, ballot.pk, "choices", "[3]")

    with pytest.raises(CommandError) as caught:
        _verify("--all")

    assert str(bad.public_id) in str(caught.value)
    assert str(good.public_id) not in str(caught.value)


def test_verify_says_which_round_it_cannot_find(organisation: Organisation) -> None:
    with pytest.raises(CommandError, match="is not a round's id"):
        _verify("not-a-round")
    with pytest.raises(CommandError, match="There is no round"):
        _verify("00000000-0000-4000-8000-000000000000")
    open_round = built.round_with_ballots(organisation, ballots=[[1]])
    with pytest.raises(CommandError, match="has not been sealed"):
        _verify(str(open_round.public_id))


def test_the_alongside_command_sends_verify_and_close_due_to_django_and_tally_to_the_engine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # (Django's command runner closes the database connections when it ends, so it is not run
    # inside a test: a CommandError from it exits 1, as the tests above raise.)
    sent: list[list[str]] = []
    monkeypatch.setattr(management, "execute_from_command_line", sent.append)
    cli.main(["alongside", "budget", "verify", "--all"])
    cli.main(["alongside", "budget", "close-due"])
    assert sent == [
        ["alongside", "budget", "verify", "--all"],
        ["alongside", "budget", "close-due"],
    ]
    with pytest.raises(SystemExit) as exited:
        cli.main(["alongside", "budget", "tally", str(tmp_path / "missing.pb")])
    assert exited.value.code == 2  # the engine's own command line: no such file
    assert not sent[2:]


def test_the_downloaded_file_re_tallies_to_the_published_selection(
    organisation: Organisation, client, tmp_path: Path
) -> None:
    round_ = built.published_round(organisation)
    response = client.get(f"/api/v1/rounds/{round_.public_id}/ballots.pb")
    assert response.status_code == 200
    path = tmp_path / "ballots.pb"
    path.write_bytes(response.content)

    out = io.StringIO()
    status = tally_cli.main(
        ["tally", str(path), "--rule", "mes", "--completion", "add1-greedy", "--format", "json"],
        out=out,
    )

    assert status == 0
    published = client.get(f"/api/v1/rounds/{round_.public_id}/results").json()
    assert json.loads(out.getvalue())["selected"] == published["selected"] == ["1", "2"]
