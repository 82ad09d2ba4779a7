"""Application-wide look: the font scale for meeting rooms (large text)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

_BASE_POINT_SIZE: dict[str, float] = {}


def apply_font_scale(scale: float) -> None:
    """Scale the application font from the size the platform gave it at start."""
    app = QApplication.instance()
    font = QFont(app.font())
    base = _BASE_POINT_SIZE.setdefault("size", font.pointSizeF() if font.pointSizeF() > 0 else 10.0)
    font.setPointSizeF(round(base * scale, 1))
    app.setFont(font)
