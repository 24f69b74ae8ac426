"""Youth budget rounds' pages. Staff pages are under ``orgs/<slug:org>/rounds/``; the public and
voting pages under ``rounds/<uuid:round_id>/``. Nothing personal is in a path.

Each sub-area adds its patterns in its own section below (set-up, proposals, voting online,
polling stations, results, delivery), from its own views module."""

from __future__ import annotations

from django.urls import URLPattern

app_name = "budgeting"

STAFF = "orgs/<slug:org>/rounds/"
ROUND = STAFF + "<uuid:round_id>/"
PUBLIC = "rounds/<uuid:round_id>/"

urlpatterns: list[URLPattern] = []

# Setting up a round, its stages and its rules (views/rounds.py) ------------------------------

# Ideas, proposals and the feasibility panel (views/proposals.py) ------------------------------

# Voting online and receipts (views/voting.py) --------------------------------------------------

# Polling stations: check-in, kiosk, paper ballots, turnout (views/stations.py) ------------------

# Close, seal, count and results (views/results.py) ---------------------------------------------

# Delivery of funded projects, exports and imports (views/delivery.py) --------------------------
