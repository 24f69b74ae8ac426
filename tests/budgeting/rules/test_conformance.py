"""The conformance set: every real Pabulib file in ``../shared/pb`` and every selection
pabutools 1.2.3 made for it (``expected.json``) must be reproduced exactly.

Keys read ``RULE SATISFACTION COMPLETION``, the flags of ``alongside budget tally``. The
reference selections are sorted ids, so they are compared as sets; the order is checked
against pabutools itself in ``test_against_pabutools``.
"""

from __future__ import annotations

import pytest

from alongside.budgeting.rules import tally
from tests.budgeting.rules.helpers import election, expected, pb_dir

CASES = [
    pytest.param(name, key, id=f"{name}:{key}")
    for name, entry in sorted(expected().items())
    for key in sorted(entry["selections"])
]


def test_the_conformance_set_is_present() -> None:
    """A missing folder must fail loudly, not pass an empty parametrisation."""
    assert (pb_dir() / "expected.json").exists(), f"no conformance set at {pb_dir()}"
    assert len(CASES) > 200


@pytest.mark.parametrize(("name", "key"), CASES)
def test_selection_matches_pabutools(name: str, key: str) -> None:
    rule, satisfaction, completion = key.split()
    result = tally(election(name), rule, satisfaction=satisfaction, completion=completion)
    assert sorted(result.selected) == sorted(expected()[name]["selections"][key])


@pytest.mark.parametrize("name", sorted(expected()))
def test_file_shape_matches_the_reference(name: str) -> None:
    el = election(name)
    entry = expected()[name]
    assert len(el.profile.ballots) == entry["voters"]
    assert len(el.instance.projects) == entry["projects"]
    assert float(el.instance.budget) == entry["budget"]


def test_every_pb_file_parses() -> None:
    """Files without a reference selection (pabutools did not finish) still parse."""
    for path in sorted(pb_dir().glob("*.pb")):
        assert election(path.name).instance.projects, path.name
