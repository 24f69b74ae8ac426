"""On PostgreSQL the database itself refuses to change or delete an audit event (ADR 0008).

The model already refuses through the ORM; this stops raw SQL and every other client too,
though whoever owns the table can still drop or disable the trigger, which is why the chain
is keyed as well. TRUNCATE does not fire row triggers, so test databases can still be
flushed. SQLite has no such guard: it is for a laptop and the demo.
"""

from django.db import migrations

CREATE = [
    """
CREATE FUNCTION core_auditevent_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Audit events are append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$
""",
    """
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_change()
""",
]

DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent",
    "DROP FUNCTION IF EXISTS core_auditevent_refuse_change()",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            # No parameters, so the % in the message is not taken for a placeholder.
            schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_chain_per_organisation")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
