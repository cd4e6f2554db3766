"""Ends every session of a staff account the moment it is deactivated; starts the idle clock at sign-in.

A deactivated user is already refused by the authentication backend on the next request;
deleting the sessions as well leaves nothing behind that a later reactivation would revive.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from accounts.middleware import SEEN_KEY


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _remember_was_active(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        instance._accounts_was_active = None
        return
    instance._accounts_was_active = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _end_sessions_when_deactivated(sender, instance, created, **kwargs) -> None:
    if not created and getattr(instance, "_accounts_was_active", None) and not instance.is_active:
        from accounts.services import user_sessions_end

        user_sessions_end(user=instance)


@receiver(user_logged_in)
def _seen_at_sign_in(sender, request, user, **kwargs) -> None:
    """The sign-in counts as activity: the idle clock starts there, without an extra write."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())
