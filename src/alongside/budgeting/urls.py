"""Youth budget rounds' pages. Staff pages are under ``orgs/<slug:org>/rounds/``; the public and
voting pages under ``rounds/<uuid:round_id>/``. Nothing personal is in a path.

Each sub-area adds its patterns in its own section below (set-up, proposals, voting online,
polling stations, results, delivery), from its own views module."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.budgeting.views import delivery, voting

app_name = "budgeting"

STAFF = "orgs/<slug:org>/rounds/"
ROUND = STAFF + "<uuid:round_id>/"
PUBLIC = "rounds/<uuid:round_id>/"

urlpatterns: list[URLPattern] = []

# Setting up a round, its stages and its rules (views/rounds.py) ------------------------------

# Ideas, proposals and the feasibility panel (views/proposals.py) ------------------------------

# Voting online and receipts (views/voting.py) --------------------------------------------------
urlpatterns += [
    path(PUBLIC + "vote/", voting.vote_start, name="vote-start"),
    path(PUBLIC + "vote/area/", voting.vote_area, name="vote-area"),
    path(PUBLIC + "vote/choose/", voting.vote_choose, name="vote-choose"),
    path(PUBLIC + "vote/check/", voting.vote_check, name="vote-check"),
    path(PUBLIC + "vote/done/", voting.vote_done, name="vote-done"),
    path(PUBLIC + "receipt/", voting.receipt_check, name="receipt-check"),
    path("my/votes/", voting.my_votes, name="my-votes"),
]

# Polling stations: check-in, kiosk, paper ballots, turnout (views/stations.py) ------------------

# Close, seal, count and results (views/results.py) ---------------------------------------------

# Delivery of funded projects, exports and imports (views/delivery.py) --------------------------
DELIVERY = ROUND + "delivery/"
PROJECT = DELIVERY + "<int:number>/"
urlpatterns += [
    path(DELIVERY, delivery.delivery_list, name="delivery-list"),
    path(PROJECT, delivery.delivery_project, name="delivery-project"),
    path(PROJECT + "steps/add/", delivery.milestone_add, name="milestone-add"),
    path(
        PROJECT + "steps/<int:milestone_id>/done/", delivery.milestone_done, name="milestone-done"
    ),
    path(
        PROJECT + "steps/<int:milestone_id>/photo/",
        delivery.milestone_photo,
        name="milestone-photo",
    ),
    path(PROJECT + "finished/", delivery.project_delivered, name="project-delivered"),
    path(PUBLIC + "delivery/", delivery.round_delivery, name="round-delivery"),
    path(
        PUBLIC + "delivery/<int:number>/steps/<int:milestone_id>/photo/",
        delivery.milestone_photo_public,
        name="milestone-photo-public",
    ),
    path(PUBLIC + "results.csv", delivery.round_results_csv, name="round-results-csv"),
    path(PUBLIC + "grants.csv", delivery.round_grants_csv, name="round-grants-csv"),
    path(PUBLIC + "grants.json", delivery.round_grants_json, name="round-grants-json"),
]
