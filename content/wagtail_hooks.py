"""Admin registration for the public site (registration only; viewsets live in views)."""

from wagtail.snippets.models import register_snippet

from content.views import MenuViewSet

register_snippet(MenuViewSet)
