"""The Italian catalogue is complete and its compiled .mo matches the .po (run `make messages`)."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "site" / "locale"


def _entries(catalogue) -> dict[tuple, str]:
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): entry.msgstr or tuple(sorted(entry.msgstr_plural.items()))
        for entry in catalogue
        if entry.msgid and not entry.obsolete and (entry.msgstr or any(entry.msgstr_plural.values()))
    }


def test_every_ui_string_has_an_italian_translation():
    catalogue = polib.pofile(str(LOCALE / "it" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["it", "en"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = _entries(polib.pofile(str(folder / "django.po")))
    compiled = _entries(polib.mofile(str(folder / "django.mo")))
    assert compiled == source
