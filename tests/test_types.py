"""The code stays type-clean: mypy, with the configuration pyproject.toml pins, in every test run.

Modules not yet clean sit in the ratchet list of pyproject.toml (an ``ignore_errors`` override);
that list only shrinks, and a name on it that no longer exists fails here so it cannot rot.
"""

import hashlib
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ratchet() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lists = [o["module"] for o in config["tool"]["mypy"]["overrides"] if o.get("ignore_errors")]
    assert len(lists) == 1, "one ratchet list (ignore_errors override) in pyproject.toml"
    return lists[0]


def test_mypy_finds_nothing_to_report():
    # an incremental cache per checkout, outside the tree: a second run checks only what changed
    cache = Path(tempfile.gettempdir()) / f"meguro_jukyo-mypy-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:12]}"
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache), "--no-error-summary"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_on_the_ratchet_list_exists():
    missing = [name for name in _ratchet()
               if not (ROOT / (name.replace(".", "/") + ".py")).is_file()
               and not (ROOT / name.replace(".", "/") / "__init__.py").is_file()]
    assert not missing, f"not modules any more, take them off the ratchet list in pyproject.toml: {missing}"


def test_the_ratchet_list_is_sorted_and_has_no_repeats():
    names = _ratchet()
    assert names == sorted(set(names))
