"""The code stays type-clean: mypy, with the configuration pyproject.toml pins, in every test run.

Every module of the package is checked and reported: the configuration may not exempt one (no
``ignore_errors`` or ``disable_error_code``, for the whole run or an override). A library whose
stubs are wrong is answered on the line, with ``# type: ignore[code]`` and a comment saying why.
"""

import hashlib
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: settings that hide errors mypy finds instead of reporting them
SILENCING = ("ignore_errors", "disable_error_code")


def _mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_mypy_finds_nothing_to_report():
    # an incremental cache per checkout, outside the tree: a second run checks only what changed
    cache = Path(tempfile.gettempdir()) / f"meguro_jukyo-mypy-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]}"
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache), "--no-error-summary"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_is_exempt_from_the_check():
    config = _mypy_config()
    sections = [("[tool.mypy]", config)] + [(f"override for {o.get('module')}", o) for o in config.get("overrides", [])]
    silenced = [f"{where}: {key}" for where, section in sections for key in SILENCING if section.get(key)]
    assert not silenced, f"fix the type errors instead of hiding them (pyproject.toml): {silenced}"


def test_the_whole_package_is_checked():
    config = _mypy_config()
    assert config["packages"] == ["meguro_jukyo"]
    # only the frozen migrations are left out (see the comment in pyproject.toml)
    assert config.get("exclude") == ["^meguro_jukyo/core/migrations/versions/"]
    overrides = config.get("overrides", [])
    assert not [o for o in overrides if o.get("follow_imports") in ("skip", "silent")]
