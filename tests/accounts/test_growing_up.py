"""Growing up: at 13 a young person gives their own consent; past the youth offer they become a
community member. Both are noticed on their next visit without extra queries."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import modify_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Membership, Person
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

HOME = reverse("home:index")
OWN_CONSENT = reverse("accounts:own-consent")
COMMUNITY = reverse("accounts:community-member")
WITHOUT_GROWING_UP = modify_settings(
    MIDDLEWARE={"remove": ["alongside.accounts.middleware.GrowingUpMiddleware"]}
)


def just_turned_13(organisation, **kwargs) -> Person:
    """A 13-year-old whose parent agreed, when they were 12, to taking part and photos."""
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, age=13, consent=False, **kwargs
    )
    for purpose in (Consent.Purpose.TAKE_PART, Consent.Purpose.PHOTOS):
        factories.ConsentFactory(
            person=person,
            organisation=organisation,
            purpose=purpose,
            given_by=Consent.GivenBy.PARENT_ONLINE,
            given_by_name="Mo Khan",
            given_by_relationship=Consent.Relationship.PARENT,
        )
    return person


# Turning 13 ----------------------------------------------------------------------------------


def test_on_their_first_visit_at_13_they_are_asked_once(client_for, organisation):
    person = just_turned_13(organisation)
    client = client_for(person)
    # When they open the home page, they are sent to make their own choices
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == OWN_CONSENT
    page = client.get(OWN_CONSENT)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Now you are 13 or older, the law says you can make these choices yourself" in text
    assert "checked" not in text  # nothing ticked for them
    # Then, if they leave without answering, they are not sent there again
    assert client.get(HOME).status_code == 200
    # And their parent's consent still counts until they choose
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    assert AuditEvent.objects.filter(action="accounts.consent.own_asked").count() == 1


def test_their_own_choices_supersede_their_parents(client_for, organisation):
    person = just_turned_13(organisation)
    client = client_for(person)
    client.get(OWN_CONSENT)
    # When they agree to taking part and being contacted, but not to photos
    response = client.post(OWN_CONSENT, {"purposes": ["take_part", "contact"]})
    assert response.status_code == 302
    # Then their own consents are in force, and each of the parent's is superseded
    in_force = Consent.objects.in_force().filter(person=person)
    assert sorted((c.purpose, c.given_by) for c in in_force) == [
        ("contact", "self"),
        ("take_part", "self"),
    ]
    parents = {c.purpose: c for c in Consent.objects.exclude(given_by="self")}
    assert parents["take_part"].superseded_at is not None
    assert parents["take_part"].superseded_by == in_force.get(purpose="take_part")
    assert parents["photos"].superseded_at is not None
    assert parents["photos"].superseded_by is None
    # And they still take part, now on their own consent
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    event = AuditEvent.objects.get(action="accounts.consent.parents_superseded")
    assert event.data["not_renewed"] == ["photos"]
    assert "Mo Khan" not in str(event.data)
    # And the page no longer applies
    assert client.get(OWN_CONSENT)["Location"] == reverse("accounts:my-account")


def test_they_must_agree_to_taking_part_to_save(client_for, organisation, unchanged):
    person = just_turned_13(organisation)
    client = client_for(person)
    client.get(OWN_CONSENT)
    with unchanged():
        response = client.post(OWN_CONSENT, {"purposes": ["photos"]})
    assert response.status_code == 200
    assert "Tick &#39;Taking part online&#39; to use Alongside" in response.content.decode()


def test_a_form_signed_by_a_13_year_old_replaces_the_parents_consent(organisation, worker):
    # Given a 13-year-old on their parent's consent to taking part and photos
    person = just_turned_13(organisation)
    # When a worker records a form the young person signed, agreeing to taking part
    recorded = services.consent_record_from_form(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=person,
        purposes=[Consent.Purpose.TAKE_PART],
    )
    # Then their own consent is in force and replaces the parent's for that purpose only
    assert [(c.purpose, c.given_by) for c in recorded] == [("take_part", "self")]
    in_force = Consent.objects.in_force().filter(person=person)
    assert sorted((c.purpose, c.given_by) for c in in_force) == [
        ("photos", "parent_online"),
        ("take_part", "self"),
    ]
    parent = Consent.objects.get(purpose="take_part", given_by="parent_online")
    assert parent.superseded_by == recorded[0]


def test_saving_twice_is_refused_plainly(organisation):
    person = just_turned_13(organisation)
    services.own_consent_give(
        actor=actor_for_person(person), organisation=organisation, purposes=["take_part"]
    )
    with pytest.raises(Conflict, match="already given your own consent"):
        services.own_consent_give(
            actor=actor_for_person(person), organisation=organisation, purposes=["take_part"]
        )


def test_a_child_under_13_is_not_asked_and_cannot_consent_for_themselves(client_for, organisation):
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=12)
    assert client_for(child).get(HOME).status_code == 200
    with pytest.raises(NotPermitted):
        services.own_consent_give(
            actor=actor_for_person(child), organisation=organisation, purposes=["take_part"]
        )


def test_a_teenager_on_their_own_consent_is_never_sent(client_for, organisation):
    teenager = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    assert client_for(teenager).get(HOME).status_code == 200
    assert Person.objects.get(pk=teenager.pk).own_consent_asked_at is None


def test_my_account_offers_the_page_until_they_choose(client_for, organisation):
    person = just_turned_13(organisation)
    client = client_for(person)
    client.get(OWN_CONSENT)
    assert "Make your own choices" in client.get(reverse("accounts:my-account")).content.decode()


# Query counts --------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", [HOME, reverse("accounts:my-account"), reverse("home:privacy")])
@pytest.mark.parametrize("who", ["teenager", "asked_at_13", "adult_member"])
def test_the_middleware_adds_no_query_to_a_visit_where_nothing_changed(
    client_for, organisation, url, who
):
    if who == "teenager":
        person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    elif who == "asked_at_13":
        person = just_turned_13(organisation, own_consent_asked_at=timezone.now())
    else:
        person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=19)
    client = client_for(person)
    client.get(url)  # the session exists, as a real visitor's would

    with_it = _queries(client, url)
    with WITHOUT_GROWING_UP:
        without_it = _queries(client, url)

    assert with_it == without_it


# Leaving the youth offer ---------------------------------------------------------------------


def test_past_the_upper_age_they_become_a_community_member_and_are_told(client_for, organisation):
    # Given a young person of 20 in an organisation whose youth offer runs to 19
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=20)
    consent = Consent.objects.get(person=person)
    client = client_for(person)
    # When they next visit
    response = client.get(HOME)
    # Then they are a community member, with their record and consent kept, and told so
    assert response["Location"] == COMMUNITY
    person.refresh_from_db()
    assert person.kind == Person.Kind.COMMUNITY_MEMBER
    assert list(Membership.objects.filter(person=person).values_list("role", flat=True)) == [
        Role.COMMUNITY_MEMBER
    ]
    assert Consent.objects.in_force().get(person=person) == consent
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.COMMUNITY_MEMBER}
    page = client.get(COMMUNITY)
    assert "You are now a community member" in page.content.decode()
    assert organisation.name in page.content.decode()
    # And once told, they are not sent there again
    assert client.get(HOME).status_code == 200
    event = AuditEvent.objects.get(action="accounts.person.aged_out")
    assert event.data == {"upper_age": 19}


@pytest.mark.parametrize(
    ("age", "upper_age", "extended", "moves"),
    [
        (19, 19, False, False),  # still 19: the offer runs to the end of the age
        (20, 19, False, True),
        (20, 21, False, False),  # an organisation may set a later age
        (24, 19, True, False),  # a care leaver or young person with SEND: until 25
        (26, 19, True, True),
    ],
)
def test_the_upper_age_is_the_organisations_or_25_when_extended(
    organisation, age, upper_age, extended, moves
):
    organisation.youth_offer_upper_age = upper_age
    organisation.save()
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, age=age, youth_offer_extended=extended
    )
    assert services.age_out_due(actor_for_person(person)) is moves
    assert bool(services.person_age_out(person=person)) is moves


def test_no_birth_date_never_ages_anyone_out(organisation):
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, birth_month=None, birth_year=None
    )
    assert services.person_age_out(person=person) == []


def test_the_daily_command_moves_people_who_do_not_visit_once(organisation, other_organisation):
    # Given two young people of 20, one of them in two organisations, and one of 18
    twenty = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=20)
    factories.MembershipFactory(
        person=twenty, organisation=other_organisation, role=Role.YOUNG_PERSON
    )
    another = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=21)
    eighteen = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=18)
    out = io.StringIO()
    # When the command runs twice
    call_command("people", "age-out", stdout=out)
    call_command("people", "age-out", stdout=out)
    # Then each was moved once, everywhere, and the 18-year-old stays
    assert out.getvalue().splitlines() == [
        "2 young people became community members.",
        "0 young people became community members.",
    ]
    assert set(Membership.objects.filter(person=twenty).values_list("role", flat=True)) == {
        Role.COMMUNITY_MEMBER
    }
    assert Person.objects.get(pk=another.pk).kind == Person.Kind.COMMUNITY_MEMBER
    assert Person.objects.get(pk=eighteen.pk).kind == Person.Kind.YOUNG_PERSON
    assert AuditEvent.objects.filter(action="accounts.person.aged_out").count() == 3


# Staff extend the youth offer ----------------------------------------------------------------


def test_a_worker_extends_a_young_persons_offer_to_25(client_for, organisation, worker):
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=17)
    url = reverse("accounts:person-youth-offer", args=[organisation.slug, person.public_id])
    client = client_for(worker)
    assert client.get(url).status_code == 200

    response = client.post(url, {"extended": "yes"})

    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).youth_offer_extended
    event = AuditEvent.objects.get(action="accounts.person.youth_offer_extended")
    assert event.data == {"extended": True}
    # And saving the same answer again records nothing new
    client.post(url, {"extended": "yes"})
    assert AuditEvent.objects.filter(action="accounts.person.youth_offer_extended").count() == 1


def test_only_a_young_persons_offer_can_be_extended(organisation, worker):
    parent = factories.person_with_role(Role.PARENT_CARER, organisation)
    with pytest.raises(ValidationFailed):
        services.person_youth_offer_extend(
            actor=actor_for_person(worker), organisation=organisation, person=parent, extended=True
        )


@pytest.mark.parametrize("upper_age", [15, 26])
def test_an_organisations_upper_age_stays_within_what_the_law_allows(upper_age):
    with pytest.raises(ValidationFailed, match="from 16 to 25"):
        services.organisation_create(
            slug="club", name="Club", kind="youth_organisation", youth_offer_upper_age=upper_age
        )


def test_an_organisation_is_set_up_with_its_upper_age():
    organisation = services.organisation_create(
        slug="club", name="Club", kind="youth_organisation", youth_offer_upper_age=25
    )
    assert organisation.youth_offer_upper_age == 25


def test_claiming_a_record_at_14_replaces_the_parents_consent_with_their_own(organisation, worker):
    # Given a 14-year-old recorded offline when younger, on a parent's signed form
    offline = factories.offline_person(organisation, age=14)
    parent = factories.ConsentFactory(
        person=offline, organisation=organisation, given_by=Consent.GivenBy.PARENT_FORM
    )
    claim = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Claim",
        claim_person=offline,
    )
    # When they claim it and agree to taking part themselves
    services.join_code_redeem(
        code=claim.code,
        username="sky.claims",
        passphrase="purple bus sandwich",
        display_name="",
        consent_purposes=[Consent.Purpose.TAKE_PART],
    )
    # Then their own consent is in force and the parent's is superseded by it, not kept
    own = Consent.objects.in_force().get(person=offline)
    assert own.given_by == Consent.GivenBy.SELF
    parent.refresh_from_db()
    assert parent.superseded_by == own


def test_my_account_shows_the_parents_consent_as_replaced_by_my_own(client_for, organisation):
    person = just_turned_13(organisation)
    services.own_consent_give(
        actor=actor_for_person(person), organisation=organisation, purposes=["take_part"]
    )
    page = client_for(person).get(reverse("accounts:my-account")).content.decode()
    assert page.count("Replaced by your own choice") == 2  # taking part, and photos
