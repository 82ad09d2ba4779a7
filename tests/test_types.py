"""The code stays type-clean: mypy, with the configuration pyproject.toml pins, in every test run.

Every module of the package is checked and reported: no override may switch errors off
(``ignore_errors``) or leave a module of the package out (``follow_imports = "skip"``), so a
module is never quietly taken out of the check.
"""

import hashlib
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _overrides() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["mypy"].get("overrides", [])


def test_mypy_finds_nothing_to_report():
    # an incremental cache per checkout, outside the tree: a second run checks only what changed
    cache = Path(tempfile.gettempdir()) / f"meguro_jukyo-mypy-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]}"
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache), "--no-error-summary"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_has_its_errors_switched_off():
    silenced = [o["module"] for o in _overrides()
                if o.get("ignore_errors") or o.get("follow_imports") in ("skip", "silent")]
    assert not silenced, f"type errors switched off in pyproject.toml for {silenced}: fix them instead"


def test_only_third_party_packages_are_excused_missing_types():
    excused = [name for o in _overrides() if o.get("ignore_missing_imports")
               for name in ([o["module"]] if isinstance(o["module"], str) else o["module"])]
    assert excused, "the check reads the overrides of pyproject.toml"
    assert not [name for name in excused if name.split(".")[0] == "meguro_jukyo"], excused
