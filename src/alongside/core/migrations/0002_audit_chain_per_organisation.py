"""One audit chain per organisation, its links and heads keyed with AUDIT_KEY (ADR 0008).

The single chain written so far is checked with the algorithm it was written with, and the
migration stops if it is broken: re-chaining a tampered trail would launder the tampering.
Then each event is renumbered within its organisation's chain and re-linked under the key,
with core.hashchain's link_hash and seal as they are now: if their format ever changes, freeze
a copy of these two here first.
"""

import hashlib

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models

from alongside.core import hashchain


def _payload(event):
    # As AuditEvent.chain_payload, which a historical model does not have.
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "organisation_id": event.organisation_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "summary": event.summary,
        "data": event.data,
    }


def _unkeyed_hash(previous_hash, payload):
    # The algorithm of ADR 0004, before the chain was keyed.
    return hashlib.sha256(
        previous_hash.encode("ascii") + b"\n" + hashchain.canonical(payload)
    ).hexdigest()


def rechain_per_organisation(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    old_head = AuditChainHead.objects.filter(pk=1).first()
    key = str(settings.AUDIT_KEY).encode()
    previous, expected = hashchain.GENESIS, 1
    heads = {}  # organisation id -> (last sequence, last hash)
    batch = []
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000):
        if (
            event.sequence != expected
            or event.previous_hash != previous
            or _unkeyed_hash(previous, _payload(event)) != event.hash
        ):
            raise RuntimeError(
                f"The audit trail is broken at event {event.sequence}, so it cannot be moved to "
                "one chain per organisation. Restore it from a backup, then migrate."
            )
        previous, expected = event.hash, expected + 1
        sequence, last_hash = heads.get(event.organisation_id, (0, hashchain.GENESIS))
        event.sequence = sequence + 1
        event.previous_hash = last_hash
        event.hash = hashchain.link_hash(key, last_hash, _payload(event))
        heads[event.organisation_id] = (event.sequence, event.hash)
        batch.append(event)
        if len(batch) >= 500:
            AuditEvent.objects.bulk_update(batch, ["sequence", "previous_hash", "hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["sequence", "previous_hash", "hash"])
    if (old_head.last_sequence if old_head else 0) != expected - 1:
        raise RuntimeError(
            "The audit trail's head does not match its events, so events were removed from its "
            "end. Restore it from a backup, then migrate."
        )
    AuditChainHead.objects.all().delete()
    AuditChainHead.objects.bulk_create(
        AuditChainHead(
            organisation_id=organisation_id,
            last_sequence=sequence,
            last_hash=last_hash,
            seal=hashchain.seal(
                key,
                "installation" if organisation_id is None else f"organisation {organisation_id}",
                sequence,
                last_hash,
            ),
        )
        for organisation_id, (sequence, last_hash) in heads.items()
    )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['-id']},
        ),
        migrations.RemoveIndex(
            model_name='auditevent',
            name='core_audite_organis_8a7a32_idx',
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='organisation_id',
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='auditchainhead',
            name='seal',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='sequence',
            field=models.PositiveBigIntegerField(),
        ),
        migrations.RunPython(rechain_per_organisation, elidable=False),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(fields=['organisation_id', 'sequence'], name='core_audite_organis_8ce2e7_idx'),
        ),
        migrations.AddConstraint(
            model_name='auditchainhead',
            constraint=models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('organisation_id', models.Value(0)), name='core_auditchainhead_one_per_chain'),
        ),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.UniqueConstraint(django.db.models.functions.comparison.Coalesce('organisation_id', models.Value(0)), models.F('sequence'), name='core_auditevent_one_per_place'),
        ),
    ]
