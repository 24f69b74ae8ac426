"""Property tests for the pure hash chain behind the audit trail (no database)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alongside.core.hashchain import GENESIS, ChainLink, canonical, link_hash, verify

json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=10)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
payloads = st.dictionaries(st.text(max_size=8), json_values, max_size=4)
# Links like the audit trail's: a few fields and a small data object.
link_payloads = st.fixed_dictionaries(
    {"action": st.text(max_size=12), "summary": st.text(max_size=20)},
    optional={"data": st.dictionaries(st.text(max_size=5), json_scalars, max_size=2)},
)


def chains_of_payloads(min_size: int = 1) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(link_payloads, min_size=min_size, max_size=6)


# The machine is shared: enough examples to find order and off-by-one mistakes, no more.
chain_settings = settings(max_examples=40, deadline=None)


def build_chain(items: Sequence[Mapping[str, Any]]) -> list[ChainLink]:
    links = []
    previous = GENESIS
    for sequence, payload in enumerate(items, start=1):
        digest = link_hash(previous, payload)
        links.append(ChainLink(sequence, payload, previous, digest))
        previous = digest
    return links


@chain_settings
@given(chains_of_payloads())
def test_a_chain_built_with_link_hash_verifies(items):
    # Given a chain built the way audit_record builds it
    chain = build_chain(items)
    # When it is verified
    # Then every link holds and there is no break
    assert verify(chain) == (len(chain), None)


def test_an_empty_chain_verifies():
    assert verify([]) == (0, None)


@chain_settings
@given(chains_of_payloads(), st.data())
def test_changing_the_payload_of_any_link_is_detected_at_that_link(items, data):
    # Given a valid chain
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    # When one link's contents are changed (a key added or a value replaced)
    key = data.draw(st.text(max_size=8), label="key")
    value = data.draw(json_values, label="value")
    tampered_payload = {**chain[index].payload, key: value}
    assume(canonical(tampered_payload) != canonical(chain[index].payload))
    chain[index] = replace(chain[index], payload=tampered_payload)
    # Then the links before it hold and the break is reported at its sequence
    checked, problem = verify(chain)
    assert checked == index
    assert problem is not None
    assert problem.sequence == index + 1
    assert problem.reason == "its contents were changed after it was written"


@chain_settings
@given(chains_of_payloads(), st.data())
def test_changing_the_stored_hash_of_any_link_is_detected_at_that_link(items, data):
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    new_hash = data.draw(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
    assume(new_hash != chain[index].hash)
    chain[index] = replace(chain[index], hash=new_hash)

    checked, problem = verify(chain)

    assert checked == index
    assert problem is not None
    assert problem.sequence == index + 1
    assert problem.reason == "its contents were changed after it was written"


@chain_settings
@given(chains_of_payloads(), st.data())
def test_changing_the_previous_hash_of_any_link_is_detected_at_that_link(items, data):
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    new_previous = data.draw(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
    assume(new_previous != chain[index].previous_hash)
    # Even when the tamperer recomputes the link's own hash to match
    chain[index] = replace(
        chain[index],
        previous_hash=new_previous,
        hash=link_hash(new_previous, chain[index].payload),
    )

    checked, problem = verify(chain)

    assert checked == index
    assert problem is not None
    assert problem.sequence == index + 1
    assert problem.reason == "it does not follow the event before it"


@chain_settings
@given(chains_of_payloads(), st.data())
def test_changing_the_sequence_of_any_link_is_detected_at_that_link(items, data):
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    new_sequence = data.draw(st.integers(min_value=0, max_value=10_000), label="sequence")
    assume(new_sequence != chain[index].sequence)
    chain[index] = replace(chain[index], sequence=new_sequence)

    checked, problem = verify(chain)

    assert checked == index
    assert problem is not None
    assert problem.sequence == new_sequence
    assert problem.reason == f"event {index + 1} is missing"


@chain_settings
@given(chains_of_payloads(2), st.data())
def test_a_link_rewritten_with_a_fresh_hash_breaks_the_link_after_it(items, data):
    # Given a chain of at least two links
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 2), label="index")
    # When someone rewrites a link and recomputes its hash so that the link checks out alone
    tampered_payload = {**chain[index].payload, "tampered": True}
    assume(canonical(tampered_payload) != canonical(chain[index].payload))
    link = chain[index]
    chain[index] = replace(
        link, payload=tampered_payload, hash=link_hash(link.previous_hash, tampered_payload)
    )
    # Then the next link no longer follows it
    checked, problem = verify(chain)
    assert checked == index + 1
    assert problem is not None
    assert problem.sequence == index + 2
    assert problem.reason == "it does not follow the event before it"


@chain_settings
@given(chains_of_payloads(2), st.data())
def test_reordering_links_is_detected_at_the_first_moved_link(items, data):
    # Given a chain of at least two links
    chain = build_chain(items)
    # When the links are shuffled
    order = data.draw(st.permutations(range(len(chain))), label="order")
    assume(list(order) != list(range(len(chain))))
    shuffled = [chain[i] for i in order]
    first_moved = next(i for i, original in enumerate(order) if original != i)
    # Then everything before the first moved link holds, and the break is at that position
    checked, problem = verify(shuffled)
    assert checked == first_moved
    assert problem is not None
    assert problem.sequence == shuffled[first_moved].sequence
    assert problem.reason == f"event {first_moved + 1} is missing"


@chain_settings
@given(chains_of_payloads(2), st.data())
def test_reordering_and_renumbering_links_is_still_detected(items, data):
    # Given a chain of at least two links
    chain = build_chain(items)
    order = data.draw(st.permutations(range(len(chain))), label="order")
    assume(list(order) != list(range(len(chain))))
    # When the links are shuffled and renumbered 1, 2, 3... to hide the gap
    shuffled = [replace(chain[i], sequence=position) for position, i in enumerate(order, 1)]
    first_moved = next(i for i, original in enumerate(order) if original != i)
    # Then the first moved link does not follow the one before it
    checked, problem = verify(shuffled)
    assert checked == first_moved
    assert problem is not None
    assert problem.sequence == first_moved + 1
    assert problem.reason == "it does not follow the event before it"


@chain_settings
@given(chains_of_payloads(3), st.data())
def test_deleting_a_middle_link_is_detected_where_it_was(items, data):
    # Given a chain of at least three links
    chain = build_chain(items)
    # When a link in the middle is deleted
    index = data.draw(st.integers(1, len(chain) - 2), label="index")
    del chain[index]
    # Then the links before it hold and the gap is named
    checked, problem = verify(chain)
    assert checked == index
    assert problem is not None
    assert problem.sequence == index + 2
    assert problem.reason == f"event {index + 1} is missing"


@chain_settings
@given(chains_of_payloads(3), st.data())
def test_deleting_a_middle_link_and_renumbering_is_still_detected(items, data):
    chain = build_chain(items)
    index = data.draw(st.integers(1, len(chain) - 2), label="index")
    del chain[index]
    renumbered = [replace(link, sequence=n) for n, link in enumerate(chain, 1)]

    checked, problem = verify(renumbered)

    assert checked == index
    assert problem is not None
    assert problem.sequence == index + 1
    assert problem.reason == "it does not follow the event before it"


@chain_settings
@given(chains_of_payloads(2), st.data())
def test_truncating_the_start_is_detected_at_the_first_link(items, data):
    # Given a chain of at least two links
    chain = build_chain(items)
    # When the first few links are removed
    dropped = data.draw(st.integers(1, len(chain) - 1), label="dropped")
    # Then nothing holds: the first remaining link is not event 1
    checked, problem = verify(chain[dropped:])
    assert checked == 0
    assert problem is not None
    assert problem.sequence == dropped + 1
    assert problem.reason == "event 1 is missing"


@chain_settings
@given(chains_of_payloads(2), st.data())
def test_truncating_the_start_and_renumbering_is_still_detected(items, data):
    chain = build_chain(items)
    dropped = data.draw(st.integers(1, len(chain) - 1), label="dropped")
    renumbered = [replace(link, sequence=n) for n, link in enumerate(chain[dropped:], 1)]

    checked, problem = verify(renumbered)

    assert checked == 0
    assert problem is not None
    assert problem.sequence == 1
    assert problem.reason == "it does not follow the event before it"


@chain_settings
@given(chains_of_payloads(), st.data())
def test_truncating_the_end_is_not_visible_to_the_chain_alone(items, data):
    # The chain head in the database catches this (see test_audit); the pure chain cannot.
    chain = build_chain(items)
    kept = data.draw(st.integers(0, len(chain)), label="kept")
    assert verify(chain[:kept]) == (kept, None)


@chain_settings
@given(chains_of_payloads())
def test_verify_reads_the_links_once_so_a_generator_works(items):
    chain = build_chain(items)
    assert verify(link for link in chain) == (len(chain), None)


def _reversed_keys(value: Any) -> Any:
    """The same JSON value with every object's keys in reverse order, at every depth."""
    if isinstance(value, dict):
        return {key: _reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reversed_keys(item) for item in value]
    return value


@chain_settings
@given(payloads, st.data())
def test_canonical_does_not_depend_on_key_order(payload, data):
    # Given the same payload with its keys in another order (top level shuffled, nested reversed)
    order = data.draw(st.permutations(list(payload)), label="order")
    reordered = {key: _reversed_keys(payload[key]) for key in order}
    # Then the bytes hashed, and so the hash, are the same
    assert canonical(reordered) == canonical(payload)
    assert link_hash(GENESIS, reordered) == link_hash(GENESIS, payload)


@chain_settings
@given(payloads, payloads)
def test_canonical_differs_for_different_payloads(first, second):
    # JSON round trip is exact for these values, so different data means different bytes
    assume(first != second)
    assert canonical(first) != canonical(second)


def test_canonical_is_compact_sorted_utf8():
    assert canonical({"b": 1, "a": ["é", None]}) == '{"a":["é",null],"b":1}'.encode()


@chain_settings
@given(payloads, st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
def test_link_hash_depends_on_the_previous_hash(payload, previous):
    assume(previous != GENESIS)
    assert link_hash(previous, payload) != link_hash(GENESIS, payload)
    assert len(link_hash(previous, payload)) == 64
