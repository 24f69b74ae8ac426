"""Background work for youth budget rounds, run by `alongside worker` (django-tasks).

``round_count`` counts a sealed round: queued by the close once it has committed, and again
from the count page if it failed. It counts the sealed file(s) themselves, so the result is
what anyone re-counting the published file gets. Safe to run twice: a round already counted is
left alone, and each area's result is written once (one row per round and area).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

from alongside.budgeting import selectors_results
from alongside.budgeting.models import Result, Round, SealedFile
from alongside.budgeting.rules import parse_pabulib

logger = logging.getLogger(__name__)

State = Round.TallyState


def _locked(round_id: int) -> Round | None:
    return Round.objects.select_for_update().filter(pk=round_id).first()


def _start(round_id: int) -> Round | None:
    """Mark the round as being counted, or None if there is nothing to count (already counted,
    failed and waiting to be tried again from the page, or never sealed)."""
    with transaction.atomic():
        round_ = _locked(round_id)
        if round_ is None or round_.tally_state not in (State.QUEUED, State.RUNNING):
            return None
        round_.tally_state = State.RUNNING
        round_.tally_progress = 0
        round_.save(update_fields=["tally_state", "tally_progress", "updated_at"])
        return round_


def _write(round_id: int, file: SealedFile, fields: dict[str, object], progress: int) -> bool:
    """Store one file's count and the progress; False if another run finished the round."""
    with transaction.atomic():
        round_ = _locked(round_id)
        if round_ is None or round_.tally_state != State.RUNNING:
            return False
        budget = round_.budget_pence
        if file.area is not None and file.area.budget_pence is not None:
            budget = file.area.budget_pence
        Result.objects.update_or_create(
            round=round_,
            area=file.area,
            defaults={**fields, "budget_pence": budget, "file_sha256": file.sha256},
        )
        round_.tally_progress = progress
        round_.save(update_fields=["tally_progress", "updated_at"])
        return True


def _finish(round_id: int, state: str) -> None:
    with transaction.atomic():
        round_ = _locked(round_id)
        if round_ is None or round_.tally_state != State.RUNNING:
            return
        round_.tally_state = state
        if state == State.DONE:
            round_.tally_progress = 100
        round_.save(update_fields=["tally_state", "tally_progress", "updated_at"])


@task()
def round_count(round_id: int) -> None:
    """Count each sealed file with the round's rule, area by area, saying how far it has got."""
    round_ = _start(round_id)
    if round_ is None:
        return
    try:
        files = selectors_results.sealed_files(round_=round_)
        if not files:
            raise LookupError("the round has a seal but no sealed file")
        for done, file in enumerate(files, start=1):
            election = parse_pabulib(file.text)
            fields = selectors_results.count_file(
                election, rule=round_.rule, completion=round_.completion
            )
            # 100 is kept for "counted", set once every file is.
            if not _write(round_id, file, fields, min(99, done * 100 // len(files))):
                return
    except Exception:
        logger.exception("Counting the youth budget round %s failed", round_.public_id)
        _finish(round_id, State.FAILED)
        return
    _finish(round_id, State.DONE)
