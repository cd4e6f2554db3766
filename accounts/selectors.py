"""Read-only questions about staff second factors: who may reset whose, who has enrolled."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django_otp import user_has_device

from cases.selectors import COORDINATORS_GROUP, user_district_ids


def _coordinator_districts(user) -> set[int] | None:
    """Districts ``user`` coordinates; None means all (superusers); empty for everyone else."""
    if user.is_superuser:
        return None
    if not (user.is_authenticated and user.is_active and user.groups.filter(name=COORDINATORS_GROUP).exists()):
        return set()
    return user_district_ids(user) or set()


def can_manage_colleagues(user) -> bool:
    """Superusers and district coordinators see the colleagues' second-factor screen."""
    return _coordinator_districts(user) != set()


def can_reset_second_factor(by, *, target) -> bool:
    """A superuser, or a coordinator sharing one of the colleague's districts; never oneself."""
    if not by.is_authenticated or by.pk == target.pk:
        return False
    districts = _coordinator_districts(by)
    if districts is None:
        return True
    if not districts or target.is_superuser:
        return False
    target_districts = user_district_ids(target) or set()
    return bool(districts & target_districts)


def colleagues_for_reset(by) -> QuerySet:
    """The staff accounts whose second factor ``by`` may reset, by username."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(pk=by.pk).order_by("username")
    districts = _coordinator_districts(by)
    if districts is None:
        return users
    if not districts:
        return users.none()
    return users.filter(is_superuser=False, cases_profile__districts__in=districts).distinct()


def has_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def recovery_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
