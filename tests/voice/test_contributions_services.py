"""Giving, writing down, moderating, changing and withdrawing contributions (voice.services)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.initiatives.models import Initiative
from alongside.voice import selectors, services
from alongside.voice.models import Contribution
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)
from tests.voice.factories import (
    ContributionFactory,
    InitiativeFactory,
    SessionFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

Status = Contribution.Status
PHONE = "Text me on 07700 900123 about it"


def _submit(person: Person, initiative: Initiative, **overrides: object) -> Contribution:
    arguments: dict[str, object] = {
        "actor": actor_for_person(person),
        "organisation": initiative.organisation,
        "initiative": initiative,
        "kind": Contribution.Kind.IDEA,
        "text": "A water fountain by the skate park",
        "anonymity": Contribution.Anonymity.STAFF_ONLY,
        "idempotency_key": uuid.uuid4(),
    }
    arguments.update(overrides)
    return services.contribution_submit(**arguments)  # type: ignore[arg-type]


@pytest.fixture
def initiative(organisation: Organisation) -> Initiative:
    return InitiativeFactory(organisation=organisation)


# Giving ---------------------------------------------------------------------------------


def test_a_young_person_gives_an_idea_and_it_is_published_at_once(
    young_person: Person, initiative: Initiative
) -> None:
    # Given an open initiative that publishes first and checks after
    mark = last_sequence()
    # When a young person with consent gives an idea
    contribution = _submit(young_person, initiative)
    # Then it is theirs, online, published, and on the public list
    assert (contribution.author, contribution.channel) == (young_person, "online")
    assert contribution.status == Status.PUBLISHED
    assert contribution.published_at is not None
    assert list(selectors.published_contributions(initiative.organisation)) == [contribution]
    # And one audit event says so, naming nobody and holding none of their words
    events = events_after(mark)
    assert [e.action for e in events] == ["voice.contribution.submit"]
    assert_names_nobody(events, young_person.display_name, "water fountain")
    assert_trail_intact()


def test_an_initiative_that_checks_first_has_it_wait(
    young_person: Person, organisation: Organisation
) -> None:
    initiative = InitiativeFactory(organisation=organisation, moderate_before_publishing=True)
    contribution = _submit(young_person, initiative)
    assert (contribution.status, contribution.published_at) == (Status.AWAITING_MODERATION, None)
    assert not selectors.published_contributions(organisation).exists()


@pytest.mark.parametrize("moderate_first", [False, True])
def test_a_phone_number_is_held_and_never_published(
    young_person: Person, organisation: Organisation, moderate_first: bool
) -> None:
    # Given either kind of initiative
    initiative = InitiativeFactory(
        organisation=organisation, moderate_before_publishing=moderate_first
    )
    # When a young person's words hold a phone number
    contribution = _submit(young_person, initiative, text=PHONE)
    # Then it is held for contact details, and not among the published ones
    assert (contribution.status, contribution.hold_reason) == (Status.HELD, "contact_details")
    assert contribution not in selectors.published_contributions(organisation)
    assert contribution not in selectors.published_contributions(organisation, initiative)
    # And it heads the moderation queue
    ContributionFactory(initiative=initiative, status=Status.AWAITING_MODERATION)
    assert selectors.moderation_queue(organisation=organisation).first() == contribution


def test_words_that_may_be_a_disclosure_are_held(
    young_person: Person, initiative: Initiative
) -> None:
    contribution = _submit(young_person, initiative, text="I am not safe at home")
    assert (contribution.status, contribution.hold_reason) == (Status.HELD, "possible_harm")


def test_the_same_key_twice_stores_one_contribution(
    young_person: Person, initiative: Initiative
) -> None:
    key = uuid.uuid4()
    mark = last_sequence()
    first = _submit(young_person, initiative, idempotency_key=key)
    second = _submit(young_person, initiative, idempotency_key=key)
    assert first.pk == second.pk
    assert Contribution.objects.count() == 1
    assert len(events_after(mark)) == 1


def test_another_persons_key_is_refused(
    young_person: Person, person_with_role, initiative: Initiative
) -> None:
    # Given a contribution one young person gave
    key = uuid.uuid4()
    _submit(young_person, initiative, idempotency_key=key)
    other = person_with_role(Role.YOUNG_PERSON)
    # When another sends the same key
    with pytest.raises(Conflict):
        _submit(other, initiative, idempotency_key=key)
    # Then nothing more is stored, and they learn nothing of the first
    assert Contribution.objects.count() == 1


def test_the_same_key_with_other_words_is_refused(
    young_person: Person, initiative: Initiative
) -> None:
    key = uuid.uuid4()
    _submit(young_person, initiative, idempotency_key=key)
    with pytest.raises(Conflict):
        _submit(young_person, initiative, idempotency_key=key, text="Something else")
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "consent"),
    [
        (Role.WORKER, True),
        (Role.COMMISSIONER, True),
        (Role.YOUNG_PERSON, False),  # no consent to take part yet
    ],
)
def test_only_participants_with_consent_may_give(
    person_with_role, initiative: Initiative, role: Role, consent: bool
) -> None:
    person = (
        person_with_role(role, consent=consent)
        if role == Role.YOUNG_PERSON
        else person_with_role(role)
    )
    mark = last_sequence()
    with pytest.raises(NotPermitted):
        _submit(person, initiative)
    assert not Contribution.objects.exists()
    assert events_after(mark) == []


def test_a_withdrawn_consent_stops_giving(young_person: Person, initiative: Initiative) -> None:
    Consent.objects.filter(person=young_person).update(withdrawn_at="2026-11-01T00:00Z")
    with pytest.raises(NotPermitted):
        _submit(young_person, initiative)


def test_parents_and_community_members_may_give(person_with_role, initiative: Initiative) -> None:
    for role in (Role.PARENT_CARER, Role.COMMUNITY_MEMBER):
        assert _submit(person_with_role(role), initiative).author is not None


def test_an_initiative_that_is_not_open_refuses(
    young_person: Person, organisation: Organisation
) -> None:
    initiative = InitiativeFactory(organisation=organisation, stage=Initiative.Stage.PLANNING)
    with pytest.raises(ValidationFailed) as refused:
        _submit(young_person, initiative)
    assert refused.value.field == "initiative"
    assert not Contribution.objects.exists()


def test_another_organisations_initiative_is_not_found(
    young_person: Person, organisation: Organisation, other_organisation: Organisation
) -> None:
    elsewhere = InitiativeFactory(organisation=other_organisation)
    with pytest.raises(NotFound):
        _submit(young_person, elsewhere, organisation=organisation)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Enter your words."),
        ("x" * 5001, "Use 5000 characters or fewer. You used 5001."),
        ("hello\x00there", "This has a hidden character"),
    ],
)
def test_words_must_be_1_to_5000_characters_with_no_nul(
    young_person: Person, initiative: Initiative, text: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _submit(young_person, initiative, text=text)
    assert refused.value.message.startswith(message)
    assert refused.value.field == "text"
    assert not Contribution.objects.exists()


def test_a_photo_is_kept_privately(
    young_person: Person, initiative: Initiative, private_files: Path
) -> None:
    contribution = _submit(young_person, initiative, image=image_upload())
    assert contribution.image.name.startswith("contributions/")
    with contribution.image.open("rb") as stored:
        assert stored.read(4) == b"\x89PNG"
    # And it lies in the private store, which no URL of the site serves
    assert Path(contribution.image.path).is_relative_to(private_files)


@pytest.mark.parametrize(
    "upload",
    [
        lambda: image_upload("GIF", "cat.gif"),
        lambda: factories_bytes(b"not an image at all", "fake.jpg"),
    ],
)
def test_a_photo_must_be_a_jpeg_or_png(
    young_person: Person, initiative: Initiative, upload
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _submit(young_person, initiative, image=upload())
    assert refused.value.message == "The photo must be a JPG or PNG."
    assert not Contribution.objects.exists()


def test_a_photo_over_5_mb_is_refused(young_person: Person, initiative: Initiative) -> None:
    big = image_upload()
    big.size = 5 * 1024 * 1024 + 1
    with pytest.raises(ValidationFailed) as refused:
        _submit(young_person, initiative, image=big)
    assert refused.value.message == "The photo must be smaller than 5 MB."


def factories_bytes(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/jpeg")


# Recording on behalf ---------------------------------------------------------------------


def _record(worker: Person, initiative: Initiative, **overrides: object) -> Contribution:
    arguments: dict[str, object] = {
        "actor": actor_for_person(worker),
        "organisation": initiative.organisation,
        "initiative": initiative,
        "kind": Contribution.Kind.VIEW,
        "channel": Contribution.Channel.SESSION,
        "text": "The group said the lights by the path are too dim",
        "anonymity": Contribution.Anonymity.NOBODY,
        "idempotency_key": uuid.uuid4(),
    }
    arguments.update(overrides)
    return services.contribution_record(**arguments)  # type: ignore[arg-type]


def test_a_worker_records_a_groups_words_from_a_session(
    worker: Person, initiative: Initiative
) -> None:
    session = SessionFactory(initiative=initiative)
    contribution = _record(
        worker, initiative, session=session, image=image_upload("JPEG", "flipchart.jpg")
    )
    assert (contribution.author, contribution.recorded_by, contribution.session) == (
        None,
        worker,
        session,
    )
    assert selectors.recorded_on_behalf(contribution)
    assert selectors.author_label(contribution, True) == "A group (nobody named)"
    assert selectors.author_label(contribution, False) == "Anonymous"
    assert contribution.image.name.endswith(".jpg")


def test_a_worker_records_for_a_young_person_without_a_sign_in(
    worker: Person, organisation: Organisation, initiative: Initiative
) -> None:
    offline = factories.offline_person(organisation, display_name="Ash")
    contribution = _record(
        worker,
        initiative,
        author=offline,
        anonymity=Contribution.Anonymity.STAFF_ONLY,
        channel="paper",
    )
    assert contribution.author == offline
    assert selectors.author_label(contribution, True) == "Ash"
    assert selectors.author_label(contribution, False) == "Anonymous"


def test_recording_refuses_online_a_session_of_another_initiative_and_a_stranger(
    worker: Person,
    organisation: Organisation,
    other_organisation: Organisation,
    initiative: Initiative,
) -> None:
    with pytest.raises(ValidationFailed):
        _record(worker, initiative, channel="online")
    with pytest.raises(ValidationFailed):
        _record(
            worker,
            initiative,
            session=SessionFactory(initiative=InitiativeFactory(organisation=organisation)),
        )
    stranger = factories.offline_person(other_organisation)
    with pytest.raises(NotFound):
        _record(worker, initiative, author=stranger)
    assert not Contribution.objects.exists()


def test_a_young_person_cannot_record_on_behalf(
    young_person: Person, initiative: Initiative
) -> None:
    with pytest.raises(NotPermitted):
        _record(young_person, initiative)
    assert not Contribution.objects.exists()


def test_recording_twice_with_one_key_stores_one(worker: Person, initiative: Initiative) -> None:
    key = uuid.uuid4()
    assert (
        _record(worker, initiative, idempotency_key=key).pk
        == _record(worker, initiative, idempotency_key=key).pk
    )
    assert Contribution.objects.count() == 1


# Moderation ------------------------------------------------------------------------------


def test_a_moderator_publishes_a_held_contribution(
    worker: Person, young_person: Person, initiative: Initiative
) -> None:
    held = _submit(young_person, initiative, text=PHONE)
    mark = last_sequence()
    published = services.contribution_publish(
        actor=actor_for_person(worker), organisation=initiative.organisation, contribution=held
    )
    assert (published.status, published.moderated_by) == (Status.PUBLISHED, worker)
    assert published.published_at is not None
    assert [e.action for e in events_after(mark)] == ["voice.contribution.publish"]
    # pressing again changes nothing and writes nothing
    services.contribution_publish(
        actor=actor_for_person(worker), organisation=initiative.organisation, contribution=held
    )
    assert len(events_after(mark)) == 1


def test_hiding_keeps_the_row_and_the_reason(worker: Person, initiative: Initiative) -> None:
    contribution = ContributionFactory(initiative=initiative)
    hidden = services.contribution_hide(
        actor=actor_for_person(worker),
        organisation=initiative.organisation,
        contribution=contribution,
        reason="It names another young person",
    )
    assert (hidden.status, hidden.moderation_reason) == (
        Status.HIDDEN,
        "It names another young person",
    )
    assert Contribution.objects.filter(pk=contribution.pk).exists()
    assert not selectors.published_contributions(initiative.organisation).exists()
    assert AuditEvent.objects.filter(action="voice.contribution.hide").count() == 1


def test_hiding_needs_a_reason_and_a_hidden_one_cannot_be_published(
    worker: Person, initiative: Initiative
) -> None:
    contribution = ContributionFactory(initiative=initiative)
    actor = actor_for_person(worker)
    with pytest.raises(ValidationFailed) as refused:
        services.contribution_hide(
            actor=actor,
            organisation=initiative.organisation,
            contribution=contribution,
            reason="  ",
        )
    assert refused.value.field == "reason"
    services.contribution_hide(
        actor=actor, organisation=initiative.organisation, contribution=contribution, reason="Rude"
    )
    with pytest.raises(Conflict):
        services.contribution_publish(
            actor=actor, organisation=initiative.organisation, contribution=contribution
        )


def test_only_workers_and_admins_moderate(person_with_role, initiative: Initiative) -> None:
    contribution = ContributionFactory(
        initiative=initiative, status=Status.AWAITING_MODERATION, published_at=None
    )
    for role in (Role.YOUNG_PERSON, Role.COMMISSIONER, Role.COUNCILLOR, Role.SAFEGUARDING_LEAD):
        actor = actor_for_person(person_with_role(role))
        with pytest.raises(NotPermitted):
            services.contribution_publish(
                actor=actor, organisation=initiative.organisation, contribution=contribution
            )
        with pytest.raises(NotPermitted):
            services.contribution_hide(
                actor=actor,
                organisation=initiative.organisation,
                contribution=contribution,
                reason="No",
            )
    contribution.refresh_from_db()
    assert contribution.status == Status.AWAITING_MODERATION


def test_moderating_another_organisations_contribution_is_not_found(
    worker: Person, organisation: Organisation, other_organisation: Organisation
) -> None:
    elsewhere = ContributionFactory(
        initiative=InitiativeFactory(organisation=other_organisation),
        status=Status.HELD,
        hold_reason="contact_details",
    )
    with pytest.raises(NotFound):
        services.contribution_publish(
            actor=actor_for_person(worker), organisation=organisation, contribution=elsewhere
        )


# The author's own ------------------------------------------------------------------------


def test_an_edit_is_screened_again_and_a_hold_stays_until_a_person_looks(
    young_person: Person, initiative: Initiative
) -> None:
    actor = actor_for_person(young_person)
    organisation = initiative.organisation
    contribution = _submit(young_person, initiative)
    # When they add a phone number, it is held
    edited = services.contribution_edit(
        actor=actor, organisation=organisation, contribution=contribution, text=PHONE
    )
    assert (edited.status, edited.hold_reason, edited.published_at) == (
        Status.HELD,
        "contact_details",
        None,
    )
    assert edited.edited_at is not None
    # And taking it out again does not release the hold: only a person can
    edited = services.contribution_edit(
        actor=actor, organisation=organisation, contribution=contribution, text="A fountain"
    )
    assert edited.status == Status.HELD


def test_an_edit_of_published_words_goes_back_to_be_checked_where_the_initiative_checks_first(
    young_person: Person, worker: Person, organisation: Organisation
) -> None:
    initiative = InitiativeFactory(organisation=organisation, moderate_before_publishing=True)
    contribution = _submit(young_person, initiative)
    services.contribution_publish(
        actor=actor_for_person(worker), organisation=organisation, contribution=contribution
    )
    edited = services.contribution_edit(
        actor=actor_for_person(young_person),
        organisation=organisation,
        contribution=contribution,
        text="Two fountains",
    )
    assert (edited.status, edited.text) == (Status.AWAITING_MODERATION, "Two fountains")
    assert not selectors.published_contributions(organisation).exists()


def test_an_edit_of_published_words_stays_published_where_the_initiative_checks_after(
    young_person: Person, initiative: Initiative
) -> None:
    contribution = _submit(young_person, initiative)
    edited = services.contribution_edit(
        actor=actor_for_person(young_person),
        organisation=initiative.organisation,
        contribution=contribution,
        text="Two",
    )
    assert edited.status == Status.PUBLISHED


def test_only_the_author_edits_or_withdraws(
    young_person: Person, person_with_role, worker: Person, initiative: Initiative
) -> None:
    contribution = _submit(young_person, initiative)
    for someone in (person_with_role(Role.YOUNG_PERSON), worker):
        actor = actor_for_person(someone)
        with pytest.raises(NotPermitted):
            services.contribution_edit(
                actor=actor,
                organisation=initiative.organisation,
                contribution=contribution,
                text="Mine now",
            )
        with pytest.raises(NotPermitted):
            services.contribution_withdraw(
                actor=actor, organisation=initiative.organisation, contribution=contribution
            )
    contribution.refresh_from_db()
    assert (contribution.status, contribution.text) == (
        Status.PUBLISHED,
        "A water fountain by the skate park",
    )


def test_withdrawing_keeps_the_row_and_takes_it_off_the_public_list(
    young_person: Person, initiative: Initiative
) -> None:
    contribution = _submit(young_person, initiative)
    actor = actor_for_person(young_person)
    withdrawn = services.contribution_withdraw(
        actor=actor, organisation=initiative.organisation, contribution=contribution
    )
    assert withdrawn.status == Status.WITHDRAWN
    assert not selectors.published_contributions(initiative.organisation).exists()
    assert list(selectors.contributions_by_author(young_person)) == [withdrawn]
    with pytest.raises(Conflict):
        services.contribution_edit(
            actor=actor,
            organisation=initiative.organisation,
            contribution=contribution,
            text="Back",
        )


# Who sees the name -----------------------------------------------------------------------


def test_the_name_is_shown_only_to_staff_and_only_if_the_author_allowed_it(
    young_person: Person, initiative: Initiative
) -> None:
    staff_only = _submit(young_person, initiative, anonymity=Contribution.Anonymity.STAFF_ONLY)
    nobody = _submit(young_person, initiative, anonymity=Contribution.Anonymity.NOBODY)
    assert selectors.author_label(staff_only, True) == young_person.display_name
    assert selectors.author_label(staff_only, False) == "Anonymous"
    assert selectors.author_label(nobody, True) == "Anonymous"
    assert selectors.author_label(nobody, False) == "Anonymous"


@pytest.mark.parametrize("status", [s for s in Status if s != Status.PUBLISHED])
def test_published_contributions_never_hold_anything_unpublished(
    initiative: Initiative, status: str
) -> None:
    ContributionFactory(
        initiative=initiative, status=status, hold_reason="contact_details", moderation_reason="x"
    )
    shown = ContributionFactory(initiative=initiative)
    assert list(selectors.published_contributions(initiative.organisation)) == [shown]


def test_the_public_and_own_lists_take_the_same_queries_for_5_or_50(
    django_assert_num_queries, young_person: Person, initiative: Initiative
) -> None:
    def read() -> None:
        for c in selectors.published_contributions(initiative.organisation, initiative):
            selectors.author_label(c, False)
            c.initiative.title  # noqa: B018
        for c in selectors.contributions_by_author(young_person):
            c.initiative.title  # noqa: B018
            c.organisation.name  # noqa: B018

    for count in (5, 50):
        ContributionFactory.create_batch(
            count - Contribution.objects.count() // 2, initiative=initiative, author=young_person
        )
        with django_assert_num_queries(2):
            read()


@pytest.mark.parametrize(
    ("stage", "allowed"),
    [
        (Initiative.Stage.PLANNING, False),
        (Initiative.Stage.OPEN, True),
        (Initiative.Stage.DECIDING, True),
        (Initiative.Stage.DELIVERING, True),
        (Initiative.Stage.CLOSED, False),
    ],
)
def test_a_worker_may_type_up_a_sessions_notes_after_the_initiative_moved_on(
    worker: Person, organisation: Organisation, stage: str, allowed: bool
) -> None:
    # Given an initiative at some stage (closing needs feedback first)
    initiative = InitiativeFactory(
        organisation=organisation,
        stage=stage,
        feedback="We changed the opening hours.",
        feedback_given_at="2026-11-30T12:00Z",
    )
    # When a worker writes down what was said, Then it is taken from opening until it closes
    if allowed:
        assert _record(worker, initiative).initiative == initiative
    else:
        with pytest.raises(ValidationFailed):
            _record(worker, initiative)
        assert not Contribution.objects.exists()
