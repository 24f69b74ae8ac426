"""What a person is told: a notice in the product for everyone, and for those who gave contact
details and agreed to be contacted, at most one email or text a day gathering them up."""

from __future__ import annotations

from django.db import models

from alongside.accounts.models import Organisation, Person


class Notice(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notices")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=60)
    text = models.CharField(max_length=300)
    # A path within the product; never anything personal in it.
    url = models.CharField(max_length=300, blank=True)
    # What it is about, so the same event never tells the same person twice.
    event_key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    sent_in = models.ForeignKey(
        "Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="notices"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "event_key"], name="notices_notice_once")
        ]

    def __str__(self) -> str:
        return self.text


class Digest(models.Model):
    """The one message a day that gathers a person's notices; the constraint makes it one."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    # The day in Europe/London the digest is for.
    sent_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "sent_on"], name="notices_digest_one_a_day")
        ]

    def __str__(self) -> str:
        return f"Digest for {self.person_id} on {self.sent_on}"
