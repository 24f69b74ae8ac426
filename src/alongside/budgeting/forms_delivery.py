"""Forms for delivering funded projects."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.budgeting.models import Milestone
from alongside.core.limits import column_length
from alongside.govuk.forms import DateInputField, Form, MoneyField, PhotoField

DESCRIPTION_LENGTH = column_length(Milestone, "description")


class MilestoneForm(Form):
    description = forms.CharField(
        label=_("What is this step?"),
        help_text=_("For example, “Order the benches” or “Open the studio”."),
        max_length=DESCRIPTION_LENGTH,
        error_messages={"required": _("Say what this step is")},
    )
    due_on = DateInputField(what=_("the date it is due"), required=False)
    spent = MoneyField(
        label=_("Spent so far on this step"),
        help_text=_("In pounds. Enter 0 if nothing has been spent yet."),
    )
    photo = PhotoField(
        label=_("Add a photo (optional)"),
        help_text=_(
            "A JPG or PNG, smaller than 5 MB. Anyone can see it once results are public: "
            "do not add photos where young people can be recognised."
        ),
        required=False,
    )


class MilestoneDoneForm(Form):
    done_on = DateInputField(what=_("the date it was done"))
    spent = MoneyField(label=_("What this step cost in the end"), help_text=_("In pounds."))


class DeliveredForm(Form):
    delivered_on = DateInputField(what=_("the date the project finished"))
