"""Demo: a past round loaded from a real Pabulib file, as a researcher or a council moving
from another tool would: Assen's "Top Idee" 2024, a youth budget in the Netherlands (young
people aged 12 to 27 voted), copied unchanged from the public Pabulib collection (pabulib.org;
pabulib/pabulib_files commit 88cfaba3e7692a90f3311cbcf8f08aa63fc3fbff) into demo_data/.

Loaded through ``services.round_import`` as a worker of the demo council, counted at once,
and published, so its results page shows what Equal Shares funded there.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.budgeting import services, tasks
from alongside.budgeting.demo_results import INITIATIVE, PLACE
from alongside.budgeting.models import Round
from alongside.initiatives.models import Initiative

FILE = Path(__file__).resolve().parent / "demo_data" / "netherlands_assen_2024.pb"
ROUND_KEY = uuid.UUID("0f6f3a1e-2b8c-4d67-9a51-3c9d2e7b4a10")


def seed() -> Round | None:
    """Load the file once (None without the demo council's co-prioritisation initiative)."""
    found = Round.objects.filter(idempotency_key=ROUND_KEY).first()
    if found is not None:
        return found
    organisation = Organisation.objects.filter(slug=PLACE).first()
    initiative = Initiative.objects.filter(organisation=organisation, title=INITIATIVE).first()
    worker = Person.objects.filter(user__email="worker@riverside.example").first()
    if organisation is None or initiative is None or worker is None:
        return None
    actor = actor_for_person(worker)
    round_ = services.round_import(
        actor=actor,
        organisation=organisation,
        initiative=initiative,
        text=FILE.read_bytes(),
        idempotency_key=ROUND_KEY,
    )
    tasks.round_count.call(round_id=round_.pk)
    return services.round_publish(actor=actor, round_=round_)
