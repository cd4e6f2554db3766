from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Bulk import of partner lists (organisations, contact persons) from the files staff receive.

    It exists so that lists from the chamber of commerce, the job centre or another district
    are not copied by hand: upload, map the columns, preview, import in the background, undo.
    """

    name = "imports"
    verbose_name = _("Imports")
