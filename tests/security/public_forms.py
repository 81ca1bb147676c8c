"""Every form a visitor can POST to without an account, with the fields it expects.

The attack suite fuzzes each of them; a new public form must be listed here (see
``test_every_anonymous_post_endpoint_is_fuzzed``).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicForm:
    """``name`` is the URL name in the permissions matrix; ``fixtures`` make the page the form lives on."""

    name: str
    url: str
    fields: tuple[str, ...]
    fixtures: tuple[str, ...] = ()


PUBLIC_FORMS = [
    PublicForm("account_login", "/akun/login/", ("login", "password", "remember")),
    PublicForm("account_signup", "/akun/signup/", ("email", "password1", "password2")),
    PublicForm("account_reset_password", "/akun/password/reset/", ("email",)),
    PublicForm("set_language", "/i18n/setlang/", ("language", "next")),
    PublicForm("wagtail_serve", "/survei/survei-uji/", ("choice", "kode"), fixtures=("survey",)),
]
