"""On PostgreSQL the database itself refuses to change or delete a ledger transaction or line.

The models refuse through the ORM; this stops raw SQL too (as for audit events, migration
0003). Accounts are not guarded: their cached balance is written with each post, and
``alongside credits verify`` proves it equal to the sum of the lines. TRUNCATE does not fire
row triggers, so test databases can still be flushed.
"""

from django.db import migrations

TABLES = ["core_ledgertransaction", "core_ledgerline"]

FUNCTION = """
CREATE FUNCTION core_ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The ledger is append-only: % is refused; post a reversal', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION core_ledger_refuse_change()",
            params=None,
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}", params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS core_ledger_refuse_change()", params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_ledger")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
