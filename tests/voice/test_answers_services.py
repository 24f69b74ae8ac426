"""Answers: what each status needs, idempotency, first_answered_at, and who is told."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.notices.models import Notice
from alongside.voice import selectors_answers as selectors
from alongside.voice import services
from alongside.voice.models import Answer, Contribution
from tests import factories
from tests.accounts.support import assert_names_nobody, assert_trail_intact
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db


def give(actor, organisation, **kwargs):
    kwargs.setdefault("status", Answer.Status.HEARD)
    kwargs.setdefault("text", "Thank you, we read it.")
    kwargs.setdefault("idempotency_key", uuid.uuid4())
    return services.answer_give(actor=actor, organisation=organisation, **kwargs)


def test_answering_a_contribution_saves_it_sets_first_answered_and_tells_the_author(
    organisation, worker, young_person, django_capture_on_commit_callbacks
):
    # Given a young person's published idea
    item = made.contribution(organisation, author=young_person, text="Lights in the park")
    # When a worker answers it
    with django_capture_on_commit_callbacks(execute=True):
        answer = give(
            factories.actor(worker),
            organisation,
            contribution=item,
            status=Answer.Status.CHANGED,
            text="The lights go in next month.",
        )
    # Then it is saved, the contribution is answered, and the author is told once, in words
    # that hold nobody's words
    item.refresh_from_db()
    assert item.first_answered_at == answer.created_at
    notice = Notice.objects.get(person=young_person)
    assert notice.kind == "voice.answered"
    assert notice.text == "Your idea got an answer"
    assert notice.event_key == f"voice.answer:{answer.pk}"
    assert "lights" not in notice.text.lower()
    # And the trail has it, naming nobody
    events = list(AuditEvent.objects.filter(action="voice.answer.give"))
    assert len(events) == 1
    assert_names_nobody(events, young_person.display_name, worker.display_name)
    assert_trail_intact()


def test_the_same_answer_sent_twice_is_saved_and_told_once(
    organisation, worker, young_person, django_capture_on_commit_callbacks
):
    item = made.contribution(organisation, author=young_person)
    key = uuid.uuid4()
    actor = factories.actor(worker)
    with django_capture_on_commit_callbacks(execute=True):
        first = give(actor, organisation, contribution=item, idempotency_key=key)
    with django_capture_on_commit_callbacks(execute=True):
        second = give(actor, organisation, contribution=item, idempotency_key=key)
    assert first.pk == second.pk
    assert Answer.objects.count() == 1
    assert AuditEvent.objects.filter(action="voice.answer.give").count() == 1
    assert Notice.objects.filter(person=young_person).count() == 1


def test_a_key_used_for_another_answer_is_refused(organisation, worker):
    item = made.contribution(organisation)
    key = uuid.uuid4()
    actor = factories.actor(worker)
    give(actor, organisation, contribution=item, idempotency_key=key)
    with pytest.raises(Conflict):
        give(actor, organisation, contribution=item, idempotency_key=key, text="Other words")
    assert Answer.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "text", "passed_to", "field", "message"),
    [
        ("heard", "  ", "", "text", "Enter your answer."),
        ("not_possible", "", "", "text", "Say why it is not possible."),
        ("passed_on", "We sent it on.", " ", "passed_to", "Enter who you passed it to."),
        ("maybe", "Hm.", "", "status", "Select what is happening with it."),
    ],
)
def test_what_each_status_needs_is_refused_without_it_and_nothing_changes(
    organisation, worker, unchanged, status, text, passed_to, field, message
):
    item = made.contribution(organisation)
    with unchanged(), pytest.raises(ValidationFailed) as refused:
        give(
            factories.actor(worker),
            organisation,
            contribution=item,
            status=status,
            text=text,
            passed_to=passed_to,
        )
    assert (refused.value.field, refused.value.message) == (field, message)


def test_passed_on_keeps_who_and_other_statuses_drop_it(organisation, worker):
    actor = factories.actor(worker)
    item = made.contribution(organisation)
    passed = give(
        actor,
        organisation,
        contribution=item,
        status=Answer.Status.PASSED_ON,
        text="The parks team decides this.",
        passed_to="The council's parks team",
    )
    heard = give(actor, organisation, contribution=item, passed_to="Someone")
    assert passed.passed_to == "The council's parks team"
    assert heard.passed_to == ""


def test_a_refused_answer_rolls_back_everything(organisation, young_person, unchanged):
    # Given a young person (who may not answer) and a contribution
    item = made.contribution(organisation)
    with unchanged(), pytest.raises(NotPermitted):
        give(factories.actor(young_person), organisation, contribution=item)
    item.refresh_from_db()
    assert item.first_answered_at is None


def test_a_contribution_of_another_organisation_cannot_be_answered(
    organisation, other_organisation, worker, unchanged
):
    theirs = made.contribution(other_organisation)
    with unchanged(), pytest.raises(NotFound):
        give(factories.actor(worker), organisation, contribution=theirs)


def test_a_withdrawn_contribution_cannot_be_answered(organisation, worker, unchanged):
    item = made.contribution(organisation, status=Contribution.Status.WITHDRAWN)
    with unchanged(), pytest.raises(ValidationFailed):
        give(factories.actor(worker), organisation, contribution=item)


def test_first_answered_at_never_moves_later(organisation, worker):
    # Given a contribution answered once
    actor = factories.actor(worker)
    item = made.contribution(organisation)
    first = give(actor, organisation, contribution=item)
    # When it is answered again, directly and through a theme
    theme = made.theme(organisation)
    made.in_theme(theme, item)
    give(actor, organisation, contribution=item, status=Answer.Status.CONSIDERING)
    give(actor, organisation, theme=theme, status=Answer.Status.CHANGED)
    # Then it still says when it was first answered
    item.refresh_from_db()
    assert item.first_answered_at == first.created_at


def test_a_theme_answer_reaches_every_contribution_and_tells_each_author_once(
    organisation, worker, person_with_role, django_capture_on_commit_callbacks
):
    # Given a theme holding: two ideas from Sam, one from Ash, and one each withdrawn, hidden
    # and held (whose authors must not be told), and one already answered long ago
    sam, ash, kit, lee, mo = (person_with_role(Role.YOUNG_PERSON) for _ in range(5))
    theme = made.theme(organisation)
    long_ago = timezone.now() - dt.timedelta(days=40)
    items = [
        made.contribution(organisation, author=sam),
        made.contribution(organisation, author=sam, kind=Contribution.Kind.QUESTION),
        made.contribution(organisation, author=ash, first_answered_at=long_ago),
        made.contribution(organisation, author=kit, status=Contribution.Status.WITHDRAWN),
        made.contribution(organisation, author=lee, status=Contribution.Status.HIDDEN),
        made.contribution(organisation, author=mo, status=Contribution.Status.HELD),
    ]
    made.in_theme(theme, *items)
    outside = made.contribution(organisation, author=kit)
    # When a worker answers the theme
    with django_capture_on_commit_callbacks(execute=True):
        answer = give(factories.actor(worker), organisation, theme=theme)
    # Then every contribution in it is answered (the old time kept), none outside it
    answered = dict(Contribution.objects.values_list("pk", "first_answered_at"))
    assert all(answered[i.pk] is not None for i in items)
    assert answered[items[2].pk] == long_ago
    assert answered[items[0].pk] == answer.created_at
    assert answered[outside.pk] is None
    # And Sam and Ash are told once each; nobody whose words are withdrawn, hidden or held
    told = sorted(Notice.objects.values_list("person__display_name", flat=True))
    assert told == sorted([sam.display_name, ash.display_name])
    assert Notice.objects.get(person=sam).text == "Your idea got an answer"


def test_the_newest_answer_is_the_current_one(organisation, worker):
    actor = factories.actor(worker)
    item = made.contribution(organisation)
    theme = made.theme(organisation)
    made.in_theme(theme, item)
    give(actor, organisation, contribution=item, status=Answer.Status.HEARD)
    newest = give(actor, organisation, theme=theme, status=Answer.Status.CHANGED)
    history = list(selectors.answers_for_contribution(organisation=organisation, contribution=item))
    assert history[0] == newest
    assert len(history) == 2
    row = selectors.with_current_answer(Contribution.objects.filter(pk=item.pk)).get()
    assert (row.answer_status, row.answer_text) == ("changed", newest.text)


def test_overdue_counts_published_unanswered_contributions_past_twenty_working_days(
    organisation, other_organisation, settings, django_assert_num_queries
):
    # Given, on Tuesday 1 December 2026: one sent 2 November (21 working days ago), one sent
    # 3 November (20), one answered, one hidden, and one of another organisation
    today = dt.date(2026, 12, 1)

    def sent(day: dt.date, **kwargs):
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(15, 0)))
        return made.contribution(kwargs.pop("org", organisation), created_at=moment, **kwargs)

    late = sent(dt.date(2026, 11, 2))
    sent(dt.date(2026, 11, 3))
    sent(dt.date(2026, 10, 1), first_answered_at=timezone.now())
    sent(dt.date(2026, 10, 1), status=Contribution.Status.HIDDEN)
    sent(dt.date(2026, 10, 1), org=other_organisation)
    # Then one is overdue, counted in one query
    with django_assert_num_queries(1):
        assert selectors.overdue_count(organisation=organisation, today=today) == 1
    # And counted for both organisations at once, in one grouped query, by the same rule
    third = factories.OrganisationFactory()
    with django_assert_num_queries(1):
        assert selectors.overdue_counts(
            organisations=[organisation, other_organisation, third], today=today
        ) == {organisation.pk: 1, other_organisation.pk: 1}
    assert list(selectors.overdue_contributions(organisation=organisation, today=today)) == [late]
    # And with the rule set to 21 working days, none is
    settings.VOICE_ANSWER_WITHIN_WORKING_DAYS = 21
    assert selectors.overdue_count(organisation=organisation, today=today) == 0
