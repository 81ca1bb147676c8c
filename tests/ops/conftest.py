import os
import shutil

import pytest

INSTALL_HINT = "run `bash scripts/install-ops.sh` as root"


def require_programs(*names: str) -> dict[str, str]:
    """The full paths of these programs. Skips when one is missing, unless SUARA_REQUIRE_OPS is set (CI), where a
    missing program fails the test instead: CI installs them and must never pass by skipping."""
    found = {name: shutil.which(name, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin") for name in names}
    missing = sorted(name for name, path in found.items() if path is None)
    if missing:
        reason = f"{', '.join(missing)} not installed: {INSTALL_HINT}"
        if os.environ.get("SUARA_REQUIRE_OPS"):
            pytest.fail(f"Ops tests are required here but cannot run: {reason}")
        pytest.skip(reason)
    return found
