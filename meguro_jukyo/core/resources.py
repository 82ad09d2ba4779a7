"""Where the shipped reference data lives."""

from __future__ import annotations

import json
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"


def load_json(name: str) -> dict:
    with (RESOURCES_DIR / name).open(encoding="utf-8") as fh:
        return json.load(fh)
