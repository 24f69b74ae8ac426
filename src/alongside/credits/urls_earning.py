"""Earning: the worker's approve pages, the admin's rules page, and the young person's
"How you earn credits"."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import adjust, claims, earning, earning_rules, gifts, reverse

BASE = "orgs/<slug:org>/credits/"
OCCASION = BASE + "approve/<slug:source>/<uuid:occasion>/"

urlpatterns: list[URLPattern] = [
    path(BASE + "approve/", earning.approve_list, name="earn-approve-list"),
    path(OCCASION, earning.approve_occasion, name="earn-approve-occasion"),
    path(OCCASION + "decline/<uuid:person>/", earning.decline, name="earn-decline"),
    path(BASE + "rules/", earning_rules.rules_edit, name="earn-rules"),
    path(BASE + "how-you-earn/", earning_rules.how_you_earn, name="earn-how"),
]

# Claims: young people claim time they gave; workers decide.
urlpatterns += [
    path(BASE + "claims/", claims.claims_mine, name="earn-claims-mine"),
    path(BASE + "claims/new/", claims.claim_new, name="earn-claim-new"),
    path(BASE + "claims/review/", claims.claims_review, name="earn-claims-review"),
    path(BASE + "claims/<int:pk>/decide/", claims.claim_decide_page, name="earn-claim-decide"),
]

# One person's credits, for a worker: give or take away with a reason.
urlpatterns += [
    path(BASE + "people/<uuid:person>/", adjust.person_credits, name="earn-person"),
]

# Gifting credits, and groups' pots.
urlpatterns += [
    path(BASE + "give/", gifts.give, name="earn-gift"),
    path(BASE + "give/your-code/", gifts.receive, name="earn-gift-receive"),
    path(BASE + "pots/", gifts.pots, name="earn-pots"),
    path(BASE + "pots/<int:pk>/", gifts.pot_edit, name="earn-pot-edit"),
]

# Taking back credits given by mistake, from the person's page.
urlpatterns += [
    path(BASE + "earnings/<int:pk>/take-back/", reverse.take_back, name="earn-take-back"),
]
