"""Models of the network app: the organisations (``organisations``) and the public directory page (``directory``)."""

from network.models.directory import DirectoryPage
from network.models.organisations import *  # noqa: F403
from network.models.organisations import __all__ as _organisation_names

__all__ = [*_organisation_names, "DirectoryPage"]
