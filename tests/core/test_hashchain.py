"""Property tests for the pure hash chain behind the audit trail (no database).

The attacker in these tests can rewrite any stored link or head and knows the algorithm; what
they lack is the key (``KEY``), unless a test gives it to them, and the checkpoints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alongside.core.hashchain import (
    GENESIS,
    ChainBreak,
    ChainLink,
    Checkpoint,
    Head,
    canonical,
    link_hash,
    seal,
    sealed_head,
    verify,
    verify_links,
)
from tests.hypothesis_profiles import examples

KEY = b"the audit key, which the database does not hold"
CHAIN = "organisation 1"
other_keys = st.binary(min_size=0, max_size=40).filter(lambda k: k != KEY)

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


# Each example builds and verifies whole chains, many times the cost of most examples: a small
# share of the profile finds order and off-by-one mistakes.
chain_settings = settings(examples(0.08))


def build_chain(
    items: Sequence[Mapping[str, Any]], *, key: bytes = KEY, after: Sequence[ChainLink] = ()
) -> list[ChainLink]:
    """Links as audit_record writes them, optionally carrying on from ``after``."""
    links = list(after)
    previous = links[-1].hash if links else GENESIS
    for sequence, payload in enumerate(items, start=len(links) + 1):
        digest = link_hash(key, previous, payload)
        links.append(ChainLink(sequence, payload, previous, digest))
        previous = digest
    return links


def head_of(links: Sequence[ChainLink], *, key: bytes = KEY) -> Head | None:
    return sealed_head(key, CHAIN, links[-1].sequence, links[-1].hash) if links else None


def check(links: Any) -> tuple[int, ChainBreak | None]:
    """The links alone, without a head."""
    checked, _, problem = verify_links(links, key=KEY)
    return checked, problem


def check_all(
    links: Sequence[ChainLink], head: Head | None, checkpoints: Sequence[Checkpoint] = ()
) -> tuple[int, ChainBreak | None]:
    return verify(links, key=KEY, chain=CHAIN, head=head, checkpoints=checkpoints)


@chain_settings
@given(chains_of_payloads())
def test_a_chain_built_with_link_hash_verifies(items):
    # Given a chain built the way audit_record builds it
    chain = build_chain(items)
    # When it is verified
    # Then every link holds and there is no break
    assert check(chain) == (len(chain), None)


def test_an_empty_chain_verifies():
    assert check_all([], None) == (0, None)


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
    checked, problem = check(chain)
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

    checked, problem = check(chain)

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
        hash=link_hash(KEY, new_previous, chain[index].payload),
    )

    checked, problem = check(chain)

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

    checked, problem = check(chain)

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
        link, payload=tampered_payload, hash=link_hash(KEY, link.previous_hash, tampered_payload)
    )
    # Then the next link no longer follows it
    checked, problem = check(chain)
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
    checked, problem = check(shuffled)
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
    checked, problem = check(shuffled)
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
    checked, problem = check(chain)
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

    checked, problem = check(renumbered)

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
    checked, problem = check(chain[dropped:])
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

    checked, problem = check(renumbered)

    assert checked == 0
    assert problem is not None
    assert problem.sequence == 1
    assert problem.reason == "it does not follow the event before it"


@chain_settings
@given(chains_of_payloads())
def test_verify_reads_the_links_once_so_a_generator_works(items):
    chain = build_chain(items)
    assert verify((link for link in chain), key=KEY, chain=CHAIN, head=head_of(chain)) == (
        len(chain),
        None,
    )


@chain_settings
@given(chains_of_payloads(), other_keys)
def test_a_chain_does_not_check_out_under_another_key(items, other_key):
    # Given a chain built with the key
    chain = build_chain(items)
    # Then checked with any other key, its first link fails: the hash is a MAC, not a digest
    _, _, problem = verify_links(chain, key=other_key)
    assert problem == ChainBreak(1, "its contents were changed after it was written")


# Truncation: removing events from the end ------------------------------------------------------


@chain_settings
@given(chains_of_payloads(), st.data())
def test_truncating_the_end_is_detected_by_the_sealed_head(items, data):
    # Given a chain and its head
    chain = build_chain(items)
    head = head_of(chain)
    # When the last events are removed and the head left as it was
    kept = data.draw(st.integers(0, len(chain) - 1), label="kept")
    # Then the head says how many are missing
    assert check_all(chain[:kept], head) == (
        kept,
        ChainBreak(kept + 1, f"the chain should hold {len(chain)} events but holds {kept}"),
    )


@chain_settings
@given(chains_of_payloads(2), st.data(), other_keys)
def test_truncating_the_end_and_lowering_the_head_is_detected(items, data, other_key):
    # Given a chain and its head
    chain = build_chain(items)
    head = head_of(chain)
    assert head is not None
    # When the last events are removed and the head is set to the new last link, either
    # keeping the old seal or resealing without the key
    kept = data.draw(st.integers(1, len(chain) - 1), label="kept")
    last = chain[kept - 1]
    resealed = data.draw(st.booleans(), label="resealed")
    forged = seal(other_key, CHAIN, kept, last.hash) if resealed else head.seal
    # Then the seal does not match
    assert check_all(chain[:kept], Head(kept, last.hash, forged)) == (
        kept,
        ChainBreak(kept, "the chain's head was changed or written without the audit key"),
    )


@chain_settings
@given(chains_of_payloads(2), st.data())
def test_a_replayed_old_head_hides_truncation_from_the_database_but_not_from_a_checkpoint(
    items, data
):
    # Given a chain; an insider kept a copy of its head at some earlier point
    chain = build_chain(items)
    kept = data.draw(st.integers(0, len(chain) - 1), label="kept")
    old_head = head_of(chain[:kept])
    # And a checkpoint was written outside the database at some later point
    at = data.draw(st.integers(kept + 1, len(chain)), label="checkpoint")
    point = Checkpoint(at, chain[at - 1].hash)
    # When the insider removes the later events and puts the old head back
    truncated = chain[:kept]
    # Then the database alone cannot tell: that head was genuine (what ADR 0008 says)
    assert check_all(truncated, old_head) == (kept, None)
    # But the checkpoint can
    assert check_all(truncated, old_head, [point]) == (
        kept,
        ChainBreak(at, "it is not the event recorded at a checkpoint outside the database"),
    )


# Editing and rewriting with the public algorithm ------------------------------------------------


@chain_settings
@given(chains_of_payloads(), st.data(), other_keys)
def test_an_edited_link_rehashed_with_the_public_algorithm_is_detected(items, data, other_key):
    # Given a chain
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    # When one link is edited and it and every later link, and the head, are rehashed by
    # someone who knows the algorithm but not the key
    edited = [*items]
    edited[index] = {**items[index], "summary": items[index]["summary"] + " (edited)"}
    rewritten = build_chain(edited[index:], key=other_key, after=chain[:index])
    head = head_of(rewritten, key=other_key)
    # Then the edited link is where it breaks
    assert check_all(rewritten, head) == (
        index,
        ChainBreak(index + 1, "its contents were changed after it was written"),
    )


@chain_settings
@given(chains_of_payloads(), st.data(), other_keys)
def test_a_trail_rewritten_from_any_point_without_the_key_is_detected_there(items, data, other_key):
    # Given a chain
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1), label="index")
    # When everything from one link on is replaced by other events (as many as the attacker
    # likes), chained and sealed with the public algorithm under a key that is not ours
    replacement = data.draw(chains_of_payloads(), label="replacement")
    rewritten = build_chain(replacement, key=other_key, after=chain[:index])
    # Then the first replaced link is where it breaks
    assert check_all(rewritten, head_of(rewritten, key=other_key)) == (
        index,
        ChainBreak(index + 1, "its contents were changed after it was written"),
    )


@chain_settings
@given(chains_of_payloads(), st.data())
def test_a_rewrite_with_the_key_is_caught_by_any_checkpoint_it_passes(items, data):
    # Given a chain and a checkpoint written outside the database at some point in it
    chain = build_chain(items)
    at = data.draw(st.integers(1, len(chain)), label="checkpoint")
    point = Checkpoint(at, chain[at - 1].hash)
    # When someone who has the key rewrites the trail from a link at or before the checkpoint
    index = data.draw(st.integers(0, at - 1), label="index")
    replacement = data.draw(chains_of_payloads(at - index), label="replacement")
    assume(replacement[: at - index] != list(items[index:at]))
    rewritten = build_chain(replacement, after=chain[:index])
    head = head_of(rewritten)
    # Then the keyed chain checks out by itself
    assert check_all(rewritten, head) == (len(rewritten), None)
    # But not against the checkpoint
    _, problem = check_all(rewritten, head, [point])
    assert problem == ChainBreak(
        at, "it is not the event recorded at a checkpoint outside the database"
    )


@chain_settings
@given(chains_of_payloads(), st.data())
def test_an_intact_chain_passes_every_checkpoint_taken_along_it(items, data):
    chain = build_chain(items)
    taken = data.draw(st.sets(st.integers(1, len(chain))), label="checkpoints")
    points = [Checkpoint(at, chain[at - 1].hash) for at in taken]
    assert check_all(chain, head_of(chain), points) == (len(chain), None)


def test_a_chain_with_events_but_no_head_is_detected():
    chain = build_chain([{"action": "a", "summary": "s"}])
    assert check_all(chain, None) == (1, ChainBreak(1, "the chain has events but no head"))


def test_a_seal_is_never_a_link_hash():
    # Anyone can read a link's hash; if a seal could equal one, a head could be forged from it
    chain = build_chain([{"action": "a", "summary": "s"}])
    assert seal(KEY, CHAIN, 1, chain[0].hash) != chain[0].hash


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
    assert link_hash(KEY, GENESIS, reordered) == link_hash(KEY, GENESIS, payload)


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
    assert link_hash(KEY, previous, payload) != link_hash(KEY, GENESIS, payload)
    assert len(link_hash(KEY, previous, payload)) == 64


@chain_settings
@given(chains_of_payloads(), st.data())
def test_a_checkpoint_appended_after_a_rewrite_does_not_cancel_an_earlier_one(items, data):
    # Given a chain and a checkpoint at some point in it
    chain = build_chain(items)
    at = data.draw(st.integers(1, len(chain)), label="checkpoint")
    honest = Checkpoint(at, chain[at - 1].hash)
    # When someone with the key rewrites it from that point and appends their own checkpoint
    rewritten = build_chain([{"action": "forged", "summary": ""}], after=chain[: at - 1])
    forged = Checkpoint(at, rewritten[at - 1].hash)
    assume(forged != honest)
    # Then the two checkpoints disagree, whichever order they were written in
    points = data.draw(st.permutations([honest, forged]), label="order")
    _, problem = check_all(rewritten, head_of(rewritten), points)
    assert problem == ChainBreak(
        at, "it is not the event recorded at a checkpoint outside the database"
    )
