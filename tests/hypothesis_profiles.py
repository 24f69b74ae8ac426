"""Hypothesis profiles: how hard the property tests try, chosen in one place for every test.

``HYPOTHESIS_PROFILE`` names the profile; without it, ``CI=true`` chooses ``ci`` and anything
else ``dev``. ``make thorough`` runs ``thorough``. Tests set no ``max_examples`` of their own: a
test much slower per example than most asks for a share of the profile's count with
``examples(share)``, so that every profile scales every test. See docs/testing.md.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 500
"""The ci count. With the shares in the tests it gives each test the count it had when the
counts were written into the tests, so CI's evidence per run is what it was."""

# Hypothesis loads its own "ci" profile (derandomized, no database) when it sees CI in the
# environment, and a new profile inherits from whatever is loaded: start each from the defaults.
DEFAULTS = settings.get_profile("default")

# Deadlines time each example: on two cores shared with other work (and with pytest-xdist) they
# fail for reasons that are not the code's. No test here is about speed.
settings.register_profile("dev", DEFAULTS, max_examples=CI_EXAMPLES // 5, deadline=None)
settings.register_profile(
    "ci",
    DEFAULTS,
    max_examples=CI_EXAMPLES,
    deadline=None,
    # The same examples on every run, so that whether a change lands depends on the change and
    # not on the draw; new examples are found by local runs (dev draws afresh) and by
    # `make thorough`. A failure prints an @reproduce_failure blob.
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    DEFAULTS,
    max_examples=CI_EXAMPLES * 10,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _in_ci() else "dev")
settings.load_profile(PROFILE)


def examples(share: float) -> settings:
    """The loaded profile with ``share`` of its max_examples (at least 10), for a test that costs
    much more per example than most. Use it as the parent: ``@settings(examples(0.4), ...)``."""
    base = settings.default
    assert base is not None
    return settings(base, max_examples=max(10, round(base.max_examples * share)))
