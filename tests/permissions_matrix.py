"""Who may open what: every URL of the site × every role, with the status each role must get.

The docs table (`docs/permissions.md`) is generated from this module and checked against it, and
`tests/cms/test_permissions_matrix.py` walks it. A URL pattern without an entry here fails the test, so every
new URL needs a decision.
"""

from dataclasses import dataclass, field

ROLES = ("anonymous", "forum_member", "school_coordinator", "official", "facilitator", "administrator")
ROLE_LABELS = {
    "anonymous": "Anak / publik (anonim)",
    "forum_member": "Anggota Forum Anak",
    "school_coordinator": "Koordinator sekolah",
    "official": "Pejabat / OPD",
    "facilitator": "Fasilitator",
    "administrator": "Administrator",
}

OK = 200
REDIRECT = 302
LOGIN = "login"
FORBIDDEN = 403
NOT_FOUND = 404
METHOD_NOT_ALLOWED = 405


@dataclass(frozen=True)
class Entry:
    """One URL and what each role gets there. ``default`` applies to roles not named in ``expect``."""

    url: str
    area: str
    default: int | str
    expect: dict[str, int | str] = field(default_factory=dict)
    anonymous_post: bool = False

    def status_for(self, role: str) -> int | str:
        return self.expect.get(role, self.default)


STAFF = {"official": LOGIN, "facilitator": OK, "administrator": OK}
SIGNED_IN_ONLY = {"anonymous": LOGIN}
# Roles that are not asked for MFA have no authenticator, so allauth's MFA pages send them elsewhere.
NO_MFA_YET = {"forum_member": REDIRECT, "school_coordinator": REDIRECT}
ADMIN_ONLY = {
    "anonymous": LOGIN,
    "forum_member": REDIRECT,
    "school_coordinator": LOGIN,
    "official": REDIRECT,
    "facilitator": REDIRECT,
    "administrator": OK,
}
ADMIN_AREA = {
    "anonymous": LOGIN,
    "forum_member": REDIRECT,
    "school_coordinator": LOGIN,
    "official": REDIRECT,
    "facilitator": OK,
    "administrator": OK,
}

# Officials reach the admin only to read delivered consultation summaries and record their agency's answers;
# Forum Anak members only to draft stories. Both see the dashboard and their own part of the history.
OFFICIAL_OK = {"official": OK}
MEMBER_OK = {"forum_member": OK}
# Class codes: facilitators for any school, a coordinator for their own (a missing survey or school is a 404).
CODES = {"anonymous": LOGIN, "forum_member": FORBIDDEN, "official": FORBIDDEN}

# URL name (as Django resolves it) -> entry. Patterns under /admin/ and /documents/ are Wagtail's; they are
# represented by ADMIN_ENTRIES below rather than one by one.
MATRIX: dict[str, Entry] = {
    "healthz": Entry("/healthz", "publik", OK),
    "set_language": Entry("/i18n/setlang/?next=/en/", "publik", REDIRECT, anonymous_post=True),
    "sitemap": Entry("/sitemap.xml", "publik", OK),
    "wagtail_serve": Entry("/", "publik", OK),
    # Where survey section forms post, by page id (no page 0 exists; the real page is fuzzed in tests/security).
    "survey_answer": Entry("/survei-kirim/0/bagian/1/", "anak", NOT_FOUND, anonymous_post=True),
    # Offline class mode (#18): the service worker at the root; keys for a survey by id (no page 0: the real one is
    # fuzzed in tests/security); the queue a device sends its waiting answers to (POST only, JSON).
    "service_worker": Entry("/sw.js", "publik", OK),
    "survey_offline_keys": Entry("/survei-luring/0/kunci/", "anak", METHOD_NOT_ALLOWED, anonymous_post=True),
    "survey_offline_queue": Entry("/survei-luring/antrean/", "anak", METHOD_NOT_ALLOWED, anonymous_post=True),
    "search": Entry("/cari/?q=rokok", "publik", OK),
    "forum:group_list": Entry("/forum-anak/", "publik", OK),
    "forum:group_detail": Entry("/forum-anak/64.71/", "publik", OK),
    # Jejak Suara: a child looks up her kode jejak (POST only carries a code) and answers "did you feel heard?".
    "jejak:lookup": Entry("/jejak/", "anak", OK, anonymous_post=True),
    "jejak:heard": Entry("/jejak/didengar/", "anak", METHOD_NOT_ALLOWED, anonymous_post=True),
    "jejak:proposals": Entry("/jejak/usulan/", "publik", OK),
    # "Apakah suaramu didengar?" in class: a child types the class code, then answers (no account).
    "didengar:answer": Entry("/didengar/", "anak", OK, anonymous_post=True),
    # Wagtail's front-end sign-in is replaced by a redirect to allauth's (the MFA step and its rate limits).
    "wagtailcore_login": Entry("/_util/login/", "publik", LOGIN),
    "wagtailcore_authenticate_with_password": Entry("/_util/authenticate_with_password/999/999/", "publik", NOT_FOUND),
    "account_login": Entry("/akun/login/", "akun", REDIRECT, {"anonymous": OK}, anonymous_post=True),
    "account_logout": Entry("/akun/logout/", "akun", OK, {"anonymous": REDIRECT}),
    "account_inactive": Entry("/akun/inactive/", "akun", OK),
    "account_signup": Entry("/akun/signup/", "akun", REDIRECT, {"anonymous": OK}, anonymous_post=True),
    "account_reauthenticate": Entry("/akun/reauthenticate/", "akun", OK, SIGNED_IN_ONLY),
    "account_request_reauthentication_code": Entry("/akun/reauthenticate/code/", "akun", REDIRECT, SIGNED_IN_ONLY),
    "account_confirm_reauthentication_code": Entry(
        "/akun/reauthenticate/code/confirm/", "akun", REDIRECT, SIGNED_IN_ONLY
    ),
    "account_email": Entry("/akun/email/", "akun", OK, SIGNED_IN_ONLY),
    "account_email_verification_sent": Entry("/akun/confirm-email/", "akun", OK),
    "account_confirm_email": Entry("/akun/confirm-email/bukan-kunci/", "akun", OK),
    "account_change_password": Entry("/akun/password/change/", "akun", OK, SIGNED_IN_ONLY),
    "account_set_password": Entry("/akun/password/set/", "akun", REDIRECT, SIGNED_IN_ONLY),
    "account_reset_password": Entry("/akun/password/reset/", "akun", OK, anonymous_post=True),
    "account_reset_password_done": Entry("/akun/password/reset/done/", "akun", OK),
    "account_reset_password_from_key": Entry("/akun/password/reset/key/1-bukan-kunci/", "akun", OK),
    "account_reset_password_from_key_done": Entry("/akun/password/reset/key/done/", "akun", OK),
    "account_confirm_login_code": Entry("/akun/login/code/confirm/", "akun", REDIRECT),
    "mfa_index": Entry("/akun/2fa/", "akun", OK, SIGNED_IN_ONLY),
    "mfa_authenticate": Entry("/akun/2fa/authenticate/", "akun", REDIRECT),
    "mfa_reauthenticate": Entry("/akun/2fa/reauthenticate/", "akun", OK, NO_MFA_YET | {"anonymous": LOGIN}),
    "mfa_activate_totp": Entry("/akun/2fa/totp/activate/", "akun", REDIRECT, SIGNED_IN_ONLY),
    "mfa_deactivate_totp": Entry(
        "/akun/2fa/totp/deactivate/",
        "akun",
        REDIRECT,
        SIGNED_IN_ONLY | {"forum_member": NOT_FOUND, "school_coordinator": NOT_FOUND},
    ),
    "mfa_view_recovery_codes": Entry("/akun/2fa/recovery-codes/", "akun", NOT_FOUND, SIGNED_IN_ONLY),
    "mfa_generate_recovery_codes": Entry("/akun/2fa/recovery-codes/generate/", "akun", REDIRECT, SIGNED_IN_ONLY),
    "mfa_download_recovery_codes": Entry("/akun/2fa/recovery-codes/download/", "akun", NOT_FOUND, SIGNED_IN_ONLY),
    "surveys:staff_home": Entry("/staf/survei/", "staf", OK, {"anonymous": LOGIN, "forum_member": FORBIDDEN}),
    "surveys:code_schools": Entry("/staf/survei/999/kode/", "staf", NOT_FOUND, CODES),
    "surveys:school_codes": Entry("/staf/survei/999/sekolah/999/kode/", "staf", NOT_FOUND, CODES),
    "surveys:code_sheet": Entry("/staf/survei/999/sekolah/999/kode/cetak/", "staf", NOT_FOUND, CODES),
    "surveys:heard_schools": Entry("/staf/survei/didengar/999/", "staf", NOT_FOUND, CODES),
    "surveys:heard_codes": Entry("/staf/survei/didengar/999/sekolah/999/kode/", "staf", NOT_FOUND, CODES),
    "surveys:school_questionnaire": Entry(
        "/staf/survei/999/kuesioner-sekolah/",
        "staf",
        FORBIDDEN,
        {"anonymous": LOGIN, "school_coordinator": NOT_FOUND, "administrator": NOT_FOUND},
    ),
    "surveys:school_report": Entry(
        "/staf/survei/999/sekolah-menjawab/",
        "staf",
        FORBIDDEN,
        {"anonymous": LOGIN, "facilitator": NOT_FOUND, "administrator": NOT_FOUND},
    ),
    "surveys:export": Entry(
        "/staf/survei/999/ekspor.csv",
        "staf",
        FORBIDDEN,
        {"anonymous": LOGIN, "official": NOT_FOUND, "facilitator": NOT_FOUND, "administrator": NOT_FOUND},
    ),
    # A background export's page and file: its owner's only; to everyone else it does not exist.
    "surveys:download": Entry(
        "/staf/survei/unduhan/00000000-0000-4000-8000-000000000000/", "unduhan", NOT_FOUND, {"anonymous": LOGIN}
    ),
    "surveys:download_result": Entry(
        "/staf/survei/unduhan/00000000-0000-4000-8000-000000000000/berkas", "unduhan", NOT_FOUND, {"anonymous": LOGIN}
    ),
}

RESULTS_READERS = {"anonymous": LOGIN, "official": OK, "facilitator": OK, "administrator": OK}
# Results: officials and facilitators read the whole city; a coordinator only their own school (the matrix's
# coordinator has none, so 403).
MATRIX |= {
    "results:public": Entry("/hasil/", "publik", OK),
    "results:official": Entry("/staf/hasil/", "staf", FORBIDDEN, RESULTS_READERS),
    "results:report": Entry("/staf/hasil/laporan/", "staf", FORBIDDEN, RESULTS_READERS),
    # The PDF is drawn by a background job: a reader is sent to its progress page.
    "results:report_pdf": Entry(
        "/staf/hasil/laporan.pdf",
        "unduhan",
        FORBIDDEN,
        {"anonymous": LOGIN, "official": REDIRECT, "facilitator": REDIRECT, "administrator": REDIRECT},
    ),
    "results:export_indicators": Entry("/staf/hasil/ekspor/indikator.csv", "unduhan", FORBIDDEN, RESULTS_READERS),
    "results:export_summary": Entry("/staf/hasil/ekspor/ringkasan.xlsx", "unduhan", FORBIDDEN, RESULTS_READERS),
    "results:school": Entry("/staf/sekolah/hasil/", "staf", FORBIDDEN, {"anonymous": LOGIN}),
    "results:school_export": Entry("/staf/sekolah/hasil/ringkasan.csv", "unduhan", FORBIDDEN, {"anonymous": LOGIN}),
}

UNAUTHORIZED = 401
# The read-only API: public operations need no key; /official/ ones need a personal token and answer 401 to a
# browser session, whoever is signed in. Tokens are made by those who read the city's results.
MATRIX |= {
    "api_v1:api-root": Entry("/api/v1/", "api", NOT_FOUND),
    "api_v1:openapi-json": Entry("/api/v1/openapi.json", "api", OK),
    "api_v1:list_surveys": Entry("/api/v1/surveys", "api", OK),
    "api_v1:survey_detail": Entry("/api/v1/surveys/999", "api", NOT_FOUND),
    "api_v1:survey_results": Entry("/api/v1/surveys/999/results", "api", NOT_FOUND),
    "api_v1:indicators": Entry("/api/v1/indicators", "api", OK),
    "api_v1:campaigns": Entry("/api/v1/campaigns", "api", OK),
    "api_v1:consultations": Entry("/api/v1/consultations", "api", OK),
    "api_v1:whoami": Entry("/api/v1/official/whoami", "api", UNAUTHORIZED),
    "api_v1:official_results": Entry("/api/v1/official/surveys/999/results", "api", UNAUTHORIZED),
    "api:tokens": Entry("/staf/api/token/", "staf", FORBIDDEN, RESULTS_READERS),
    "api:revoke_token": Entry("/staf/api/token/999/cabut/", "staf", METHOD_NOT_ALLOWED),
    "api:open_data": Entry("/hasil/data/999.zip", "unduhan", NOT_FOUND),
}

# Pages Wagtail serves (one URL pattern, ``wagtail_serve``), each kind with what every role gets there. The
# matrix test creates the demo sections, campaigns and stories, a survey ``survei-uji`` and a consultation ``ktr``.
PAGE_ENTRIES: dict[str, Entry] = {
    "home in English": Entry("/en/", "publik", OK),
    "campaign list": Entry("/kampanye/", "publik", OK),
    "campaign list filtered by theme": Entry("/kampanye/?tema=perundungan", "publik", OK),
    "campaign page": Entry("/kampanye/sekolahku-tanpa-perundungan/", "publik", OK),
    "campaign page in English": Entry("/en/campaigns/my-school-without-bullying/", "publik", OK),
    "story list": Entry("/cerita/", "publik", OK),
    "story page": Entry("/cerita/pojok-curhat-di-sekolah/", "publik", OK),
    "story feed (Atom)": Entry("/cerita/feed/", "publik", OK),
    "help page": Entry("/bantuan/", "publik", OK),
    "survey list": Entry("/survei/", "anak", OK),
    "survey start and assent": Entry("/survei/survei-uji/", "anak", OK, anonymous_post=True),
    "survey: about you (before assent)": Entry(
        "/survei/survei-uji/tentang-kamu/", "anak", REDIRECT, anonymous_post=True
    ),
    "survey: a section (before assent)": Entry("/survei/survei-uji/bagian/1/", "anak", REDIRECT, anonymous_post=True),
    "survey: thank-you": Entry("/survei/survei-uji/terima-kasih/", "anak", OK),
    "survey: offline screen (class mode)": Entry("/survei/survei-uji/luring/", "anak", OK),
    "consultation list": Entry("/konsultasi/", "anak", OK),
    "consultation page with the input form": Entry("/konsultasi/ktr/", "anak", OK, anonymous_post=True),
}

ADMIN_ENTRIES: dict[str, Entry] = {
    "admin dashboard": Entry("/admin/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK | MEMBER_OK),
    "admin pages": Entry("/admin/pages/", "admin", LOGIN, ADMIN_AREA | MEMBER_OK),
    "admin images": Entry("/admin/images/", "admin", LOGIN, ADMIN_AREA),
    "admin documents": Entry("/admin/documents/", "admin", LOGIN, ADMIN_AREA),
    "admin users": Entry("/admin/users/", "admin", LOGIN, ADMIN_ONLY),
    "admin groups": Entry("/admin/groups/", "admin", LOGIN, ADMIN_ONLY),
    "admin site history (audit log)": Entry(
        "/admin/reports/site-history/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK | MEMBER_OK
    ),
    "admin locales": Entry("/admin/locales/", "admin", LOGIN, ADMIN_ONLY),
    "admin question bank": Entry("/admin/survei/bank/", "admin", LOGIN, ADMIN_AREA),
    "admin XLSForm import": Entry("/admin/survei/xlsform/impor/", "admin", LOGIN, ADMIN_AREA),
    # No page 999999 exists: whoever may add surveys gets a 404; the real survey's download is in test_xlsform.py.
    "admin XLSForm download": Entry(
        "/admin/survei/xlsform/ekspor/999999/",
        "admin",
        LOGIN,
        ADMIN_AREA | {"school_coordinator": REDIRECT, "facilitator": NOT_FOUND, "administrator": NOT_FOUND},
    ),
    "admin Forum Anak groups": Entry("/admin/forum_groups/", "admin", LOGIN, ADMIN_AREA),
    "admin Forum Anak members": Entry("/admin/forum_members/", "admin", LOGIN, ADMIN_AREA),
    "admin Forum Anak activities": Entry("/admin/forum_activities/", "admin", LOGIN, ADMIN_AREA),
    "admin consultation input (moderation)": Entry("/admin/forum_inputs/", "admin", LOGIN, ADMIN_AREA),
    "admin consultation summaries": Entry("/admin/forum_summaries/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK),
    "admin agency answers": Entry(
        "/admin/forum_answers/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK | {"facilitator": REDIRECT}
    ),
    # Proposals' trails: facilitators record progress, officials the agency's answer (forum.record_*).
    "admin proposals (Jejak Suara)": Entry("/admin/forum_proposals/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK),
    "admin proposal steps": Entry("/admin/forum_proposal_steps/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK),
    "admin safeguarding queue": Entry("/admin/safeguarding/", "admin", LOGIN, ADMIN_AREA | {"official": REDIRECT}),
    "admin safeguarding word list": Entry(
        "/admin/snippets/surveys/safeguardingword/", "admin", LOGIN, ADMIN_AREA | {"official": REDIRECT}
    ),
    "admin participation indicators": Entry("/admin/indikator/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK),
    # Officials (the city's data owners) upload the maps' boundaries; facilitators are sent back to the dashboard.
    "admin region boundaries": Entry(
        "/admin/batas-wilayah/", "admin", LOGIN, ADMIN_AREA | OFFICIAL_OK | {"facilitator": REDIRECT}
    ),
    "admin document download": Entry("/documents/999/bukan.pdf", "unduhan", NOT_FOUND),
}
