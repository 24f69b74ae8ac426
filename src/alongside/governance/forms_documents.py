"""The one question of the pages that add a PDF beside a web page (terms of reference, a
meeting paper)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.govuk.forms import DocumentField, Form


class DocumentForm(Form):
    document = DocumentField(
        label=_("Choose the PDF file"),
        help_text=_(
            "A PDF of up to 10 MB. The web page stays what people read first; the file is for "
            "those who want to print or keep it. A new file replaces the one before."
        ),
    )
