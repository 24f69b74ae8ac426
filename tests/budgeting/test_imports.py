"""Loading a past round from a Pabulib file: its projects and votes, sealed and counted like
any round (so verify and the re-count file work), and a file that cannot be read loads
nothing and names the line."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import selectors_results, services
from alongside.budgeting.models import Ballot, Proposal, Result, Round
from alongside.budgeting.rules import parse_pabulib, tally
from alongside.core.errors import NotPermitted, ValidationFailed
from tests import factories
from tests.initiatives import factories as initiative_factories

pytestmark = pytest.mark.django_db

FILE = """META
key;value
description;Buurtbudget Sloterdijk
country;Netherlands
unit;Amsterdam
num_projects;3
num_votes;6
budget;5720
vote_type;approval
rule;equalshares/add1-greedy
max_length;2
currency;EUR
PROJECTS
project_id;cost;name
44251;5000;Bloementuinen
44250;2000;Bokszakken
44252;2000.50;Schilderen
VOTES
voter_id;vote
1;44250
2;44250,44252
3;44251
4;44251,44250
5;44252
6;44250
"""


def _load(organisation: Organisation, text: str, **extra: Any) -> Round:
    actor = initiative_factories.manager_of(organisation)
    initiative = initiative_factories.initiative(organisation, actor=actor)
    return services.round_import(
        actor=extra.get("actor", actor),
        organisation=organisation,
        initiative=initiative,
        text=text,
        idempotency_key=uuid.uuid4(),
    )


def test_a_file_becomes_a_sealed_round_counted_as_the_engine_counts_it(
    organisation: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        round_ = _load(organisation, FILE)
    round_.refresh_from_db()
    assert round_.imported
    assert round_.stage == Round.Stage.COUNTING
    assert round_.tally_state == Round.TallyState.DONE
    assert Ballot.objects.filter(round=round_, channel=Ballot.Channel.IMPORTED).count() == 6
    assert Proposal.objects.get(round=round_, number=44252).cost_pence == 200_050
    expected = tally(parse_pabulib(FILE), "mes", completion="add1-greedy").selected
    assert [str(n) for n in Result.objects.get(round=round_).selected] == expected
    assert selectors_results.round_differences(round_=round_) == []


def test_a_file_that_cannot_be_read_loads_nothing_and_names_the_line(
    organisation: Organisation,
) -> None:
    broken = FILE.replace("4;44251,44250", "4;99999")
    with pytest.raises(ValidationFailed, match=r"^Line \d+: "):
        _load(organisation, broken)
    assert not Round.objects.exists()


def test_fractions_of_a_penny_are_refused(organisation: Organisation) -> None:
    with pytest.raises(ValidationFailed, match="fractions of a penny"):
        _load(organisation, FILE.replace("2000.50", "2000.505"))
    assert not Round.objects.exists()


def test_only_round_managers_load_files(organisation: Organisation) -> None:
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        _load(organisation, FILE, actor=young)
    assert not Round.objects.exists()


def test_the_command_loads_a_file_and_says_what_is_wrong_with_a_bad_one(
    organisation: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    initiative = initiative_factories.initiative(organisation)
    good, bad = tmp_path / "good.pb", tmp_path / "bad.pb"
    good.write_text(FILE)
    bad.write_text(FILE.replace("budget;5720", "budget;lots"))
    args = ["--organisation", organisation.slug, "--initiative", str(initiative.public_id)]
    call_command("budget", "import", str(good), *args, "--by", admin.user.email)
    assert "Loaded" in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"bad\.pb: Line"):
        call_command("budget", "import", str(bad), *args, "--by", admin.user.email)
    assert Round.objects.count() == 1
