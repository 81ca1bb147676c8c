"""Kode jejak: the short tracking code a child gets after sending a consultation input, like a parcel's.

Twelve characters from a 23-character alphabet (the ten digits and thirteen letters that look like no digit and
no other letter), the last one a check character, so a mistyped code is told apart from an unknown one without a database look-up. Only an HMAC of
the code is stored: the database alone cannot turn a row back into the code a child wrote down.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "0123456789ACEFHJKMNPRTX"
LENGTH = 12
GROUP = 4
#: What children (and phone keyboards) type instead of a letter of the alphabet.
LOOK_ALIKES = str.maketrans("ODQILZSBG", "000112586")
IGNORED = " -._/"


class CodeError(ValueError):
    """A typed code that cannot be any code we gave out: wrong length, a letter outside the alphabet, or a
    wrong check character."""


def _check_character(body: str) -> str:
    total = sum((position + 1) * ALPHABET.index(char) for position, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def new_code() -> str:
    """A fresh random code (11 random characters, about 50 bits, and the check character)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))
    return body + _check_character(body)


def normalise(typed: str) -> str:
    """The code as we gave it, from what a child typed: case, spaces, dashes and look-alike digits forgiven.

    Raises :class:`CodeError` when what is left cannot be one of our codes.
    """
    cleaned = "".join(char for char in typed.upper() if char not in IGNORED).translate(LOOK_ALIKES)
    if len(cleaned) != LENGTH or any(char not in ALPHABET for char in cleaned):
        raise CodeError(cleaned)
    if _check_character(cleaned[:-1]) != cleaned[-1]:
        raise CodeError(cleaned)
    return cleaned


def display(code: str) -> str:
    """``ACDE-FGHJ-KMNP``: in groups of four, easier to copy onto paper."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))


def digest(code: str) -> str:
    """What the database keeps of a (normalised) code: its HMAC-SHA256 under a key derived from ``SECRET_KEY``."""
    key = hashlib.sha256(b"suara-anak.kode-jejak:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
