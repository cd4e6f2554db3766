"""The e-mail outbox: every message a background job must send once, stored with the work that causes it.

A Celery task can run twice (``CELERY_TASK_ACKS_LATE``: a worker killed mid-task has it
delivered again) or not at all (the broker was down when it was enqueued, or restarted
without persistence and lost its queue). Storing the message in the same database
transaction as the record it is about, keyed by what it is about, and marking it sent in
the task that sends it, makes both harmless: the task sends a stored message at most once
per run of the sender (see ``core.outbox``), and the periodic sweep sends what was left.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """One e-mail to send once. ``key`` names the message kind and its object, e.g. ``forms.submission:42:receipt``.

    The body must not hold personal data of the people served (see ``core.tasks.send_email``):
    references and links only. Sent rows are kept for the retention period of e-mail logs.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    to = models.JSONField(_("recipients"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["created_at"], name="core_outbox_unsent_idx", condition=models.Q(sent_at=None))]

    def __str__(self) -> str:
        return self.key
