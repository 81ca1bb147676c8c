"""Render the permissions matrix as the Markdown table in docs/permissions.md.

Run ``python -m tests.permissions_matrix_docs`` after changing tests/permissions_matrix.py.
"""

from pathlib import Path

from cms.roles import GRANTS, ROOT_COLLECTION_GRANTS, ROOT_PAGE_GRANTS, Role
from tests.permissions_matrix import ADMIN_ENTRIES, MATRIX, PAGE_ENTRIES, ROLE_LABELS, ROLES

SYMBOLS = {
    200: "✅ 200",
    302: "↪ 302",
    "login": "🔒 masuk",
    401: "🔑 401",
    403: "⛔ 403",
    404: "— 404",
    405: "405",
}
INTRO = """# Matriks izin (permissions matrix)

Setiap URL situs × setiap peran, dengan status yang harus didapat peran itu. Dibuat dari
`tests/permissions_matrix.py` oleh `python -m tests.permissions_matrix_docs`; `tests/cms/test_permissions_matrix.py`
menguji setiap sel, dan gagal bila ada URL baru tanpa keputusan.

Keterangan: ✅ 200 boleh; 🔒 masuk = diarahkan ke halaman masuk; ↪ 302 = diarahkan ke tempat lain (mis. sudah
masuk, atau tidak berhak di admin Wagtail lalu dikembalikan ke dasbor); 🔑 401 = perlu token API pribadi (sesi
masuk tidak cukup); ⛔ 403 ditolak; — 404 tidak ada / tidak
ditampilkan. Fasilitator, Pejabat dan Administrator harus memakai MFA (TOTP) sebelum mencapai `/admin/` dan
`/staf/`; matriks ini diuji dengan MFA sudah aktif.
"""


def render_markdown() -> str:
    header = "| URL | area | " + " | ".join(ROLE_LABELS[role] for role in ROLES) + " |"
    rule = "| --- | --- | " + " | ".join("---" for _ in ROLES) + " |"
    rows = [
        f"| `{entry.url}` ({name}) | {entry.area} | "
        + " | ".join(SYMBOLS[entry.status_for(role)] for role in ROLES)
        + " |"
        for name, entry in {**MATRIX, **PAGE_ENTRIES, **ADMIN_ENTRIES}.items()
    ]
    return INTRO + "\n" + "\n".join([header, rule, *rows]) + "\n" + render_grants()


GRANTS_INTRO = """
## Izin per peran

Yang dipegang setiap peran, dari satu deklarasi (`cms/roles.py`), diterapkan ke grupnya setiap kali `migrate`
berjalan (`cms.services.apply_grants`). Administrator (superuser) memegang semuanya.
"""


def render_grants() -> str:
    roles = list(Role)
    names = sorted(set().union(*GRANTS.values(), *ROOT_COLLECTION_GRANTS.values()))
    pages = sorted(set().union(*ROOT_PAGE_GRANTS.values()))
    header = "| izin | " + " | ".join(str(role.value) for role in roles) + " |"
    rule = "| --- | " + " | ".join("---" for _ in roles) + " |"
    rows = [
        f"| `{name}` | "
        + " | ".join(
            "✅" if name in GRANTS.get(role, ()) | ROOT_COLLECTION_GRANTS.get(role, set()) else "" for role in roles
        )
        + " |"
        for name in names
    ]
    rows += [
        f"| `wagtailcore.{codename}` (halaman akar) | "
        + " | ".join("✅" if codename in ROOT_PAGE_GRANTS.get(role, ()) else "" for role in roles)
        + " |"
        for codename in pages
    ]
    return GRANTS_INTRO + "\n" + "\n".join([header, rule, *rows]) + "\n"


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
    target.write_text(render_markdown(), encoding="utf-8")
    print(f"wrote {target}")
