"""Path converters for the site's own URLs: a path segment that cannot name a row never reaches the database."""

import re

from django.urls import register_converter


class IdConverter:
    """A row id: at most 18 digits, so it fits every database's integer (SQLite overflows past 2**63)."""

    regex = "[0-9]{1,18}"

    @classmethod
    def fits(cls, value: str) -> bool:
        return re.fullmatch(cls.regex, value) is not None

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class RegionCodeConverter:
    """A Kemendagri region code: digits in dot-separated parts (``64.71``, ``64.71.01.1001``)."""

    regex = r"[0-9]{1,4}(?:\.[0-9]{1,4}){0,3}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IdConverter, "id")
register_converter(RegionCodeConverter, "region")
