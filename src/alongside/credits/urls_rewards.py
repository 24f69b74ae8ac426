"""Rewards: the young person's rewards and vouchers, and the partner's voucher check."""

from __future__ import annotations

from django.urls import URLPattern, path

from alongside.credits.views import partner, rewards

BASE = "orgs/<slug:org>/credits/"

urlpatterns: list[URLPattern] = [
    path(BASE + "rewards/", rewards.reward_list, name="rewards"),
    path(BASE + "rewards/<int:pk>/", rewards.reward_take, name="reward-take"),
    path(BASE + "vouchers/", rewards.voucher_list, name="vouchers"),
    path(BASE + "vouchers/<int:pk>/", rewards.voucher, name="voucher"),
    path(BASE + "vouchers/<int:pk>/cancel/", rewards.voucher_cancel_page, name="voucher-cancel"),
    path(BASE + "check-voucher/", partner.voucher_check, name="voucher-check"),
]
