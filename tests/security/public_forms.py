"""Every form a visitor can POST to without an account, with the fields it expects.

The attack suite fuzzes each of them; ``test_every_anonymous_post_endpoint_is_fuzzed`` fails when a URL name in
the permissions matrix is marked as taking anonymous POSTs but has no form here. Survey screens are page routes:
``survei-uji`` and ``ktr`` are created by the suite first, and ``prepare`` is posted before fuzzing so the
screen is reached the way a child reaches it. ``{survey_id}`` in a URL stands for the id of ``survei-uji``;
``matrix_url`` is the URL the permissions matrix lists for that form.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PublicForm:
    """``name`` is the URL name in the permissions matrix; ``fixtures`` make the page the form lives on."""

    name: str
    url: str
    fields: tuple[str, ...]
    prepare: tuple[tuple[str, dict[str, str]], ...] = field(default=())
    matrix_url: str = ""
    # False only where a signed credential in the body stands instead of the session (the offline queue, #18).
    checks_csrf: bool = True


ASSENTED = (("/survei/survei-uji/", {"choice": "agree"}),)

PUBLIC_FORMS = [
    PublicForm("account_login", "/akun/login/", ("login", "password", "remember")),
    PublicForm("account_signup", "/akun/signup/", ("email", "password1", "password2")),
    PublicForm("account_reset_password", "/akun/password/reset/", ("email",)),
    PublicForm("set_language", "/i18n/setlang/", ("language", "next")),
    PublicForm("survey_assent", "/survei/survei-uji/", ("choice", "kode")),
    PublicForm(
        "survey_about_you",
        "/survei/survei-uji/tentang-kamu/",
        ("age_band", "sex", "school_level", "kecamatan", "action"),
        ASSENTED,
    ),
    PublicForm(
        "survey_section",
        "/survei/survei-uji/bagian/1/",
        ("safe_school", "bullied", "bullied_where", "action"),
        ASSENTED,
    ),
    PublicForm("survey_last_section", "/survei/survei-uji/bagian/3/", ("friends", "wish", "action"), ASSENTED),
    PublicForm(
        "survey_answer",
        "/survei-kirim/{survey_id}/bagian/3/",
        ("friends", "wish", "action"),
        ASSENTED,
        matrix_url="/survei-kirim/0/bagian/1/",
    ),
    PublicForm(
        "survey_offline_keys",
        "/survei-luring/{survey_id}/kunci/",
        ("kode", "jumlah"),
        matrix_url="/survei-luring/0/kunci/",
    ),
    PublicForm("survey_offline_queue", "/survei-luring/antrean/", ("key", "answers", "about"), checks_csrf=False),
    PublicForm("consultation_input", "/konsultasi/ktr/", ("text", "age_band", "kelurahan", "website")),
    PublicForm("jejak:lookup", "/jejak/", ("kode",)),
    PublicForm("jejak:heard", "/jejak/didengar/", ("kode", "felt_heard", "why")),
    PublicForm("didengar:answer", "/didengar/", ("kode", "felt_heard", "why", "sekali")),
]
