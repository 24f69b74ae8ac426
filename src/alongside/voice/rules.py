"""What each role may do with contributions, themes and answers. The policy in core holds
these; ask it (``actor.can``, ``requires``, ``require``)."""

from __future__ import annotations

from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.core.policy import policy

# Who works with what young people say: participation workers and the organisation's admins.
VOICE_STAFF = {Role.ORG_ADMIN, Role.WORKER}

# Contributions ------------------------------------------------------------------------------

# A participant role is in effect only with consent to take part (accounts.actor.Actor.roles_in),
# so a young person whose parent has not agreed, or who withdrew, cannot give anything.
CONTRIBUTION_SUBMIT = policy.register(
    "voice.contribution.submit",
    roles=PARTICIPANT_ROLES,
    description="Give an idea, view, question, experience or feedback to an open initiative.",
)
CONTRIBUTION_EDIT_OWN = policy.register(
    "voice.contribution.edit_own",
    roles=PARTICIPANT_ROLES,
    description="Change or withdraw what you gave yourself (nobody else's).",
)
CONTRIBUTION_RECORD = policy.register(
    "voice.contribution.record",
    roles=VOICE_STAFF,
    description="Write down what someone said at a session, on paper or in a survey.",
)
CONTRIBUTION_VIEW = policy.register(
    "voice.contribution.view",
    roles=VOICE_STAFF,
    description=(
        "See every contribution, with the author's name where they let staff see it (logged), "
        "and its photo."
    ),
)
CONTRIBUTION_MODERATE = policy.register(
    "voice.contribution.moderate",
    roles=VOICE_STAFF,
    description="Publish held or waiting contributions, and hide any with a reason.",
)

# Themes and answers (voice/services/themes.py, answers.py) ---------------------------------
ANSWER_STAFF = {Role.ORG_ADMIN, Role.WORKER}
# Commissioners read what is waiting for an answer (UX: "overdue answers"), and change nothing.
ANSWER_READERS = {Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER}

THEME_VIEW = policy.register(
    "voice.theme.view",
    roles=ANSWER_READERS,
    description="See the themes contributions are grouped into, and what is in each.",
)
THEME_MANAGE = policy.register(
    "voice.theme.manage",
    roles=ANSWER_STAFF,
    description="Make, rename and describe themes, and put contributions in them.",
)
ANSWER_VIEW = policy.register(
    "voice.answer.view",
    roles=ANSWER_READERS,
    description="See the answers contributions got, and which are waiting too long.",
)
ANSWER_GIVE = policy.register(
    "voice.answer.give",
    roles=ANSWER_STAFF,
    description="Answer a contribution or a theme (the authors are told).",
)
CONTRIBUTION_EXPORT = policy.register(
    "voice.contribution.export",
    roles=ANSWER_STAFF,
    description="Download every contribution and its answer as a spreadsheet (logged).",
)
