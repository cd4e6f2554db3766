"""The "Export data" and "Erase data" buttons on a person's screens, for those who may use them."""

from django import template

register = template.Library()


@register.inclusion_tag("privacy/subject_actions.html", takes_context=True)
def privacy_subject_actions(context, person):
    """The two buttons, shown only to coordinators of the person's district and superusers."""
    from privacy.erasure import person_is_erased
    from privacy.subject_views import can_exercise_rights

    request = context.get("request")
    allowed = bool(
        person is not None
        and request is not None
        and not person_is_erased(person)
        and can_exercise_rights(request.user, person)
    )
    return {"allowed": allowed, "person": person}
