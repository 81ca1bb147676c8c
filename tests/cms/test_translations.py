from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


def test_every_message_has_an_english_translation():
    catalog = polib.pofile(str(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalog if not entry.obsolete and (not entry.translated() or entry.fuzzy)]
    assert untranslated == []


@pytest.mark.parametrize("language", ["en", "id"])
def test_compiled_catalogs_match_their_sources(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    source = {(entry.msgid, entry.msgstr) for entry in polib.pofile(str(folder / "django.po")) if entry.translated()}
    compiled = {(entry.msgid, entry.msgstr) for entry in polib.mofile(str(folder / "django.mo")) if entry.msgid}
    assert source == compiled, "run: python manage.py compilemessages --ignore=.venv"
