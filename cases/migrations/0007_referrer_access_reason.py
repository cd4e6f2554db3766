"""Referrer sign-in links, and the referral reason encrypted at rest (existing rows encrypted here).

The reason for a referral often describes the person's health, so it joins the other
encrypted fields. The data step reads and writes the column with plain SQL, because the
historical model already decrypts on read; a row that is already a valid token is left
as it is, so running the step twice does no harm. The reverse step decrypts back.
"""

from django.db import migrations, models

import cases.fields
from cases.fields import decrypt, encrypt, fernet

BATCH = 500


def _is_token(value: str) -> bool:
    try:
        fernet().decrypt(value.encode())
    except Exception:  # noqa: BLE001 - any failure means "not one of our tokens"
        return False
    return True


def _rewrite(schema_editor, change) -> None:
    connection = schema_editor.connection
    table = connection.ops.quote_name("cases_referral")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, reason FROM {table} WHERE reason <> '' ORDER BY id")  # noqa: S608
        rows = cursor.fetchall()
    updates = [(new, pk) for pk, value in rows if (new := change(value)) is not None]
    with connection.cursor() as cursor:
        for start in range(0, len(updates), BATCH):
            cursor.executemany(
                f"UPDATE {table} SET reason = %s WHERE id = %s",  # noqa: S608
                updates[start : start + BATCH],
            )


def encrypt_reasons(apps, schema_editor):
    _rewrite(schema_editor, lambda value: None if _is_token(value) else encrypt(value))


def decrypt_reasons(apps, schema_editor):
    _rewrite(schema_editor, lambda value: decrypt(value) if _is_token(value) else None)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0006_employment_ends_on'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReferrerSignIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(db_index=True, max_length=254, verbose_name='e-mail')),
                ('token_hash', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('expires_at', models.DateTimeField(verbose_name='link valid until')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='signed in at')),
                ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='signed out at')),
            ],
            options={
                'verbose_name': 'referrer sign-in',
                'verbose_name_plural': 'referrer sign-ins',
            },
        ),
        migrations.AlterField(
            model_name='referral',
            name='reason',
            field=cases.fields.EncryptedTextField(help_text='May hold health details: stored encrypted, never searched.', verbose_name='reason for referral'),
        ),
        migrations.RunPython(encrypt_reasons, decrypt_reasons),
    ]
