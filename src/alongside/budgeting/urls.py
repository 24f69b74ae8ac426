"""Youth budget rounds' pages. Staff pages are under ``orgs/<slug:org>/rounds/``; the public and
voting pages under ``rounds/<uuid:round_id>/``. Nothing personal is in a path.

Each sub-area adds its patterns in its own section below (set-up, proposals, voting online,
polling stations, results, delivery), from its own views module."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.budgeting.views import (
    delivery,
    results,
    rounds,
    stations,
    stations_kiosk,
    stations_papers,
    stations_turnout,
    voting,
)

app_name = "budgeting"

STAFF = "orgs/<slug:org>/rounds/"
ROUND = STAFF + "<uuid:round_id>/"
PUBLIC = "rounds/<uuid:round_id>/"

urlpatterns: list[URLPattern] = []

# Setting up a round, its stages and its rules (views/rounds.py) ------------------------------
urlpatterns += [
    path(STAFF, rounds.round_list, name="round-list"),
    path(STAFF + "new/", rounds.round_create, name="round-create"),
    path(ROUND, rounds.round_detail, name="round-detail"),
    path(ROUND + "about/", rounds.round_about, name="round-about"),
    path(ROUND + "areas/", rounds.round_areas, name="round-areas"),
    path(ROUND + "dates/", rounds.round_dates, name="round-dates"),
    path(ROUND + "who-can-vote/", rounds.round_eligibility, name="round-eligibility"),
    path(ROUND + "how-to-vote/", rounds.round_ballot, name="round-ballot"),
    path(ROUND + "who-can-propose/", rounds.round_proposers, name="round-proposers"),
    path(ROUND + "next-stage/", rounds.round_stage, name="round-stage"),
    path(PUBLIC, rounds.round_public, name="round-public"),
    path(PUBLIC + "rules/", rounds.round_rules, name="round-rules"),
    path("orgs/<slug:org>/youth-budgets/", rounds.round_public_list, name="round-public-list"),
]

# Ideas, proposals and the feasibility panel (views/proposals.py) ------------------------------
from alongside.budgeting.views import feasibility, proposals, proposals_public  # noqa: E402

PROPOSAL = ROUND + "proposals/<uuid:proposal_id>/"
urlpatterns += [
    path(PUBLIC + "ideas/", proposals_public.round_ideas, name="round-ideas"),
    path(PUBLIC + "projects/", proposals_public.round_proposals, name="round-proposals"),
    path(
        PUBLIC + "projects/<uuid:proposal_id>/photos/<int:photo_id>/",
        proposals_public.proposal_photo_public,
        name="proposal-photo-public",
    ),
    path(ROUND + "proposals/", proposals.proposal_list, name="proposal-list"),
    path(ROUND + "proposals/new/", proposals.proposal_create, name="proposal-create"),
    path(PROPOSAL, proposals.proposal_detail, name="proposal-detail"),
    path(PROPOSAL + "edit/", proposals.proposal_edit, name="proposal-edit"),
    path(PROPOSAL + "costs/new/", proposals.proposal_cost_add, name="proposal-cost-add"),
    path(
        PROPOSAL + "costs/<int:line_id>/remove/",
        proposals.proposal_cost_remove,
        name="proposal-cost-remove",
    ),
    path(PROPOSAL + "photos/new/", proposals.proposal_photo_add, name="proposal-photo-add"),
    path(PROPOSAL + "photos/<int:photo_id>/", proposals.proposal_photo, name="proposal-photo"),
    path(PROPOSAL + "send/", proposals.proposal_submit, name="proposal-submit"),
    path(PROPOSAL + "withdraw/", proposals.proposal_withdraw, name="proposal-withdraw"),
    path(PROPOSAL + "interest/", feasibility.conflict_declare, name="conflict-declare"),
    path(PROPOSAL + "check/", feasibility.proposal_check, name="proposal-check"),
    path(
        PROPOSAL + "check/reopen/",
        feasibility.proposal_check_reopen,
        name="proposal-check-reopen",
    ),
    path(ROUND + "panel/", feasibility.panel, name="panel"),
    path(
        ROUND + "panel/<int:member_id>/remove/",
        feasibility.panel_member_remove,
        name="panel-member-remove",
    ),
]

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
STATION = ROUND + "stations/<int:station_id>/"
urlpatterns += [
    path(ROUND + "stations/", stations.station_list, name="station-list"),
    path(ROUND + "stations/open/", stations.station_open, name="station-open"),
    path(STATION, stations.station_detail, name="station-detail"),
    path(STATION + "close/", stations.station_close, name="station-close"),
    path(STATION + "cancel/", stations.station_cancel, name="station-cancel"),
    path(STATION + "check-in/", stations.station_check_in, name="station-check-in"),
    path(STATION + "kiosk/", stations_kiosk.kiosk_vote, name="kiosk-vote"),
    path(STATION + "kiosk/check/", stations_kiosk.kiosk_check, name="kiosk-check"),
    path(STATION + "kiosk/done/", stations_kiosk.kiosk_done, name="kiosk-done"),
    path(STATION + "papers/enter/", stations_papers.paper_enter, name="paper-enter"),
    path(
        ROUND + "papers/to-confirm/", stations_papers.paper_confirm_list, name="paper-confirm-list"
    ),
    path(
        ROUND + "papers/<int:entry_id>/confirm/",
        stations_papers.paper_confirm,
        name="paper-confirm",
    ),
    path(ROUND + "papers/held/", stations_papers.paper_held, name="paper-held"),
    path(
        ROUND + "papers/<int:entry_id>/resolve/",
        stations_papers.paper_resolve,
        name="paper-resolve",
    ),
    path(ROUND + "turnout/", stations_turnout.turnout, name="turnout"),
]

# Close, seal, count and results (views/results.py) ---------------------------------------------

urlpatterns += [
    path(ROUND + "count/", results.round_count, name="round-count"),
    path(ROUND + "count/close/", results.round_close, name="round-close"),
    path(ROUND + "count/again/", results.round_count_retry, name="round-count-retry"),
    path(ROUND + "count/publish/", results.round_publish, name="round-publish"),
    path(PUBLIC + "results/", results.round_results, name="round-results"),
]

# Delivery of funded projects, exports and imports (views/delivery.py) --------------------------
DELIVERY = ROUND + "delivery/"
PROJECT = DELIVERY + "<int:number>/"
urlpatterns += [
    path(DELIVERY, delivery.delivery_list, name="delivery-list"),
    path(DELIVERY + "start/", delivery.round_deliver, name="round-deliver"),
    path(DELIVERY + "close-the-round/", delivery.round_finish, name="round-finish"),
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
