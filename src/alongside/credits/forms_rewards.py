"""Forms of the rewards pages: taking a reward (its key made when the page was shown, so a
press twice is one voucher), cancelling a voucher, and a partner's code box."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.govuk.forms import Form, IdempotencyKeyField


class KeyedForm(Form):
    idempotency_key = IdempotencyKeyField()


class VoucherCodeForm(Form):
    code = forms.CharField(
        label=_("Voucher code"),
        help_text=_("8 letters and numbers, for example KTPM-4QXR"),
        max_length=20,
        error_messages={
            "required": _("Enter the voucher code"),
            "max_length": _("The code must be 20 characters or fewer"),
        },
    )
