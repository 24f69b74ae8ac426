"""The demo's safeguarding concerns in Riverside Youth Service: one a young person raised that
waits for the lead, and one a worker raised that the lead picked up and answered."""

from __future__ import annotations

import uuid

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.safeguarding import services

PLACE = "riverside-youth-service"
# Fixed keys, so running the demo again finds these concerns instead of adding more.
NAMESPACE = uuid.UUID("6f1c2a8e-54c3-4c21-9a0e-7d0c5b1e2f30")

SELF_TEXT = (
    "Some older kids at the bus stop after youth club keep taking my phone and say they will "
    "hurt me if I tell anyone. I don't want to come on Tuesdays any more."
)
WORKER_TEXT = (
    "At art club Casey said they are often on their own at home in the evenings and do not "
    "always get any tea. Casey seemed tired and hungry and ate all the snacks."
)
RESPONSE = (
    "Thank you for talking to Sam. My name is Ruth and my job is to help keep young people "
    "safe. I will come and say hello at art club on Thursday, and we can talk about how things "
    "are at home."
)


def seed() -> int:
    """Load the concerns once (safe to run again); returns how many concerns the demo has."""
    organisation = Organisation.objects.get(slug=PLACE)
    jamie = Person.objects.get(user__username="jamie")
    casey = Person.objects.get(user__username="casey")
    worker = Person.objects.get(user__email="worker@riverside.example")
    lead = Person.objects.get(user__email="safeguarding@riverside.example")
    services.concern_raise_self(
        actor=actor_for_person(jamie),
        organisation=organisation,
        text=SELF_TEXT,
        idempotency_key=uuid.uuid5(NAMESPACE, "jamie"),
    )
    raised = services.concern_raise(
        actor=actor_for_person(worker),
        organisation=organisation,
        about=casey,
        text=WORKER_TEXT,
        idempotency_key=uuid.uuid5(NAMESPACE, "casey"),
    )
    lead_actor = actor_for_person(lead)
    services.concern_acknowledge(actor=lead_actor, organisation=organisation, concern=raised)
    services.concern_respond(
        actor=lead_actor, organisation=organisation, concern=raised, response=RESPONSE, share=True
    )
    return 2
