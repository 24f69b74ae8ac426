"""The home page says, for every role, what that person can do in Alongside today, with links
that work, and promises nothing that does not exist."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from tests import factories
from tests.voice import factories_answers as made
from tests.voice.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

NOT_YET_BUILT = [
    # Votes do not exist yet (the youth budget rounds issue).
    "When your group opens a vote",
    "Vote now",
]


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def links_in_main(html: str) -> list[str]:
    return re.findall(r'href="(/[^"#]*)"', main_of(html))


def assert_links_work(client: Client, html: str) -> None:
    links = links_in_main(html)
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, f"{link} gave {response.status_code}"


def home(client: Client) -> str:
    response = client.get(reverse("home:index"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("role", "says"),
    [
        (Role.COMMISSIONER, "no pages for commissioning or youth budgets yet"),
        (Role.COUNCILLOR, "no pages for decisions or reports yet"),
        (Role.PROVIDER, "no pages for bids or reporting on services yet"),
    ],
)
def test_read_only_staff_are_told_what_their_role_is_for_today(
    client_for, organisation, person_with_role, role, says
):
    # Given a commissioner, councillor or provider in an organisation nobody has joined yet
    person = person_with_role(role)
    client = client_for(person)
    # When they open their home page
    content = home(client)
    # Then it names their role and says in plain words what it lets them do, and what not
    assert f"Your role here: {role.label}" in content
    assert "You cannot see anyone's name or details" in content
    assert says in content
    # And instead of a column of zeros, it says nobody has joined yet
    assert "No young people or parents have joined Riverside Youth Service yet." in content
    assert "Young people</dt>" not in content
    # And every link on it opens
    assert "See the numbers for Riverside Youth Service" in content
    assert_links_work(client, content)


def test_read_only_staff_see_their_role_on_the_organisation_page(
    client_for, organisation, person_with_role
):
    # Given a commissioner in an organisation with young people
    factories.person_with_role(Role.YOUNG_PERSON, organisation)
    client = client_for(person_with_role(Role.COMMISSIONER))
    # When they open the organisation's page
    response = client.get(reverse("accounts:organisation-home", args=[organisation.slug]))
    content = response.content.decode()
    # Then there is no empty "What you can do here" list, but what their role is for
    assert "What you can do here" not in content
    assert "Your role here" in content
    assert "As a commissioner you can see how many young people" in content
    assert '<ul class="govuk-list">' not in main_of(content)
    assert_links_work(client, content)


def test_an_admin_and_worker_see_their_counts_and_the_pages_they_can_use(
    client_for, organisation, person_with_role
):
    # Given an admin who is also a worker, in an organisation with a child waiting for a parent
    person = person_with_role(Role.ORG_ADMIN)
    factories.MembershipFactory(person=person, organisation=organisation, role=Role.WORKER)
    factories.person_with_role(Role.YOUNG_PERSON, organisation, age=11, consent=False)
    client = client_for(person)
    # When they open their home page
    content = home(client)
    # Then it says what both roles are for, shows the counts and links to every staff page
    assert "Your roles here: Organisation admin, Participation worker" in content
    assert "As an organisation admin" in content
    assert "As a participation worker" in content
    assert "Under 13 and waiting for a parent to agree" in content
    for text in ["See people", "Join codes for groups", "Invite a member of staff", "Audit trail"]:
        assert text in content
    assert_links_work(client, content)


def test_a_young_persons_home_promises_nothing_that_does_not_exist(
    client_for, organisation, young_person
):
    client = client_for(young_person)
    content = home(client)
    # Then it says where they take part and what they can really do
    assert "What you can take part in now" in content
    assert "<li>Riverside Youth Service</li>" in content
    assert "Nothing is open to take part in right now." in content
    assert "What happened to what you said" in content
    for promise in NOT_YET_BUILT:
        assert promise not in content
    assert_links_work(client, content)


def test_a_child_waiting_for_a_parent_is_told_what_to_do(client_for, organisation):
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=11, consent=False)
    content = home(client_for(child))
    assert "A parent or carer needs to agree before you can take part" in content
    assert "Riverside Youth Service (once a parent or carer agrees)" in content


def test_someone_in_no_organisation_is_told_how_to_join(client_for, db):
    # Given a person whose every role has been taken away
    person = factories.PersonFactory(display_name="Left")
    content = home(client_for(person))
    assert "You are not part of a group yet" in content
    assert "ask your youth worker" in content


# Parents and carers ---------------------------------------------------------------------------


@pytest.fixture
def parent(organisation) -> Person:
    return factories.person_with_role(Role.PARENT_CARER, organisation, display_name="Dee")


@pytest.fixture
def child(organisation) -> Person:
    return factories.offline_person(organisation, age=10, display_name="Jaz")


def consent_link(organisation: Organisation, child: Person) -> str:
    worker = factories.person_with_role(Role.WORKER, organisation)
    return services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )


def test_a_signed_in_parent_who_agrees_by_link_sees_and_withdraws_that_consent(
    client_for, organisation, parent, child
):
    token = consent_link(organisation, child)
    client = client_for(parent)
    # Given a parent who is signed in when they open the consent link
    page = client.get(reverse("accounts:parent-consent", args=[token])).content.decode()
    assert "You are signed in as Dee" in page
    # When they agree
    response = client.post(
        reverse("accounts:parent-consent", args=[token]),
        {
            "purposes": [Consent.Purpose.TAKE_PART, Consent.Purpose.PHOTOS],
            "given_by_name": "Dee Adams",
            "relationship": Consent.Relationship.PARENT,
        },
    )
    assert response.status_code == 200
    assert "withdraw your consent from your home page" in response.content.decode()
    # Then the consents record them as the giver
    consents = Consent.objects.filter(person=child)
    assert {c.given_by_person_id for c in consents} == {parent.pk}
    # And their home page shows for which child, where, what for and since when
    content = home(client)
    assert "Consent you gave for your child" in content
    assert "Jaz at Riverside Youth Service" in content
    assert content.count("govuk-summary-card__title-wrapper") == 1, "one card per child"
    assert "Taking part online" in content
    assert "Photos and video" in content
    take_part = consents.get(purpose=Consent.Purpose.TAKE_PART)
    withdraw = reverse("accounts:child-consent-withdraw", args=[take_part.pk])
    assert withdraw in content
    assert_links_work(client, content)
    # When they withdraw taking part, after a confirm page
    confirm = client.get(withdraw).content.decode()
    assert "Withdraw consent for Jaz" in confirm
    response = client.post(withdraw)
    assert response.url == reverse("home:index")
    # Then it stops at once, recorded as withdrawn by them, and Jaz can no longer take part
    take_part.refresh_from_db()
    assert take_part.withdrawn_at is not None
    assert take_part.withdrawn_by_id == parent.pk
    assert actor_for_person(child).roles_in(organisation.pk) == frozenset()
    assert "You have withdrawn your consent for Jaz." in home(client)


def test_a_parent_cannot_see_or_withdraw_a_consent_someone_else_gave(
    client_for, organisation, parent, child, unchanged
):
    # Given a consent another signed-in parent gave
    other_parent = factories.person_with_role(Role.PARENT_CARER, organisation)
    token = consent_link(organisation, child)
    services.parent_consent_give(
        token=token,
        purposes=[Consent.Purpose.TAKE_PART],
        given_by_name="Sam Adams",
        relationship=Consent.Relationship.CARER,
        signed_in=other_parent,
    )
    consent = Consent.objects.get(person=child)
    client = client_for(parent)
    withdraw = reverse("accounts:child-consent-withdraw", args=[consent.pk])
    # Then this parent does not see it, and cannot open or send its withdraw page
    assert "Jaz" not in home(client)
    with unchanged():
        assert client.get(withdraw).status_code == 404
        assert client.post(withdraw).status_code == 404


def test_a_parent_who_agreed_without_signing_in_is_told_how_to_withdraw(
    client_for, organisation, parent, child
):
    # Given a parent who agreed by link before signing in
    token = consent_link(organisation, child)
    page = Client().get(reverse("accounts:parent-consent", args=[token])).content.decode()
    assert "sign in first" in page
    services.parent_consent_give(
        token=token,
        purposes=[Consent.Purpose.TAKE_PART],
        given_by_name="Dee Adams",
        relationship=Consent.Relationship.PARENT,
    )
    # Then nobody is recorded as giving it, and their home page says honestly how to withdraw
    assert Consent.objects.get(person=child).given_by_person is None
    content = home(client_for(parent))
    assert "You have not given consent for a child while signed in to Alongside." in content
    assert "tell the youth worker" in content


@pytest.mark.parametrize(
    ("url_name", "promise"),
    [
        ("home:index", "voting on youth budgets and sitting on boards"),
        ("home:privacy", "what you say and vote for"),
    ],
)
def test_public_pages_do_not_describe_features_that_do_not_exist(client, db, url_name, promise):
    content = client.get(reverse(url_name)).content.decode()
    assert promise not in content


def test_a_parents_consent_link_describes_alongside_as_it_is(client, organisation):
    child = factories.offline_person(organisation, age=10, display_name="Jaz")
    page = client.get(reverse("accounts:parent-consent", args=[consent_link(organisation, child)]))
    content = page.content.decode()
    assert "vote on how money is spent" not in content
    assert "a website where young people have a say in how local services are run" in content


def test_sign_in_first_brings_the_parent_back_to_the_consent_link(
    client, organisation, parent, child
):
    # Given a parent with an account who opened the link before signing in
    consent_page = reverse("accounts:parent-consent", args=[consent_link(organisation, child)])
    page = client.get(consent_page).content.decode()
    sign_in = re.search(r'href="([^"]*)">sign in first', page).group(1).replace("&amp;", "&")
    # When they follow "sign in first" and sign in
    response = client.post(sign_in, {"login": parent.user.username, "password": factories.PASSWORD})
    # Then they are back on the consent page, now signed in as themselves
    assert response.url == consent_page
    assert "You are signed in as Dee" in client.get(consent_page).content.decode()


def test_a_parent_sees_when_their_child_replaced_the_consent_with_their_own(
    client_for, organisation, parent, child
):
    # Given a consent the parent gave, later replaced by the child's own choice at 13
    token = consent_link(organisation, child)
    services.parent_consent_give(
        token=token,
        purposes=[Consent.Purpose.TAKE_PART],
        given_by_name="Dee Adams",
        relationship=Consent.Relationship.PARENT,
        signed_in=parent,
    )
    Consent.objects.filter(person=child).update(superseded_at=timezone.now())
    # Then Home says so, with no Withdraw link
    content = home(client_for(parent))
    assert "Replaced on" in content
    assert "by Jaz&#39;s own choice" in content or "by Jaz's own choice" in content
    assert (
        reverse("accounts:child-consent-withdraw", args=[Consent.objects.get(person=child).pk])
        not in content
    )


def test_a_young_person_sees_what_is_open_and_a_way_to_give_their_idea(
    client_for, organisation, young_person, other_organisation
):
    # Given an open initiative here, one still being planned, and one open elsewhere
    open_here = InitiativeFactory(organisation=organisation, title="Redesign the drop-in")
    InitiativeFactory(organisation=organisation, title="Not ready yet", stage="planning")
    InitiativeFactory(organisation=other_organisation, title="Somebody else's")
    # When the young person opens their home page
    client = client_for(young_person)
    content = home(client)
    # Then only the open one here is offered, with a way to give an idea about it
    assert "Redesign the drop-in" in content
    assert "Not ready yet" not in content
    assert "Somebody else&#39;s" not in content
    give = f"/orgs/{organisation.slug}/give/?initiative={open_here.public_id}"
    assert give in content
    # And following it goes straight to the question after choosing the initiative
    response = client.get(give, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/give/kind/")


def _worker_in(organisations: list[Organisation]) -> Person:
    worker = factories.person_with_role(Role.WORKER, organisations[0])
    for organisation in organisations[1:]:
        factories.MembershipFactory(person=worker, organisation=organisation, role=Role.WORKER)
    return worker


def _overdue_queries(client: Client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("home:index")).content.decode()
    return sum('"voice_contribution"' in q["sql"] for q in captured), html


def test_a_worker_in_many_organisations_has_their_overdue_answers_counted_in_one_query(
    client_for,
):
    # Given a worker in two organisations, one with two contributions waiting too long
    organisations = [factories.OrganisationFactory() for _ in range(6)]
    worker = _worker_in(organisations[:2])
    for _ in range(2):
        made.contribution(organisations[0], age_days=60)
    made.contribution(organisations[1])
    client = client_for(worker)
    client.get(reverse("home:index"))
    # When they open their home page
    two, html = _overdue_queries(client)
    # Then each organisation's panel says its own count, from one query
    assert two == 1
    assert "2 contributions are waiting more than 20 working days for an answer." in html
    assert html.count("waiting more than 20 working days") == 1
    # And in six organisations, each with one overdue, it is still one query
    for organisation in organisations[2:]:
        factories.MembershipFactory(person=worker, organisation=organisation, role=Role.WORKER)
    for organisation in organisations[1:]:
        made.contribution(organisation, age_days=60)
    six, html = _overdue_queries(client)
    assert six == two
    assert html.count("1 contribution is waiting more than 20 working days for an answer.") == 5


def test_staff_who_do_not_answer_have_no_overdue_count_asked_for(client_for, organisation):
    commissioner = factories.person_with_role(Role.COMMISSIONER, organisation)
    made.contribution(organisation, age_days=60)
    queries, html = _overdue_queries(client_for(commissioner))
    assert queries == 0
    assert "working days for an answer" not in html
