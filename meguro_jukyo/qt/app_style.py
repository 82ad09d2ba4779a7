"""Application-wide look: the font scale for meeting rooms (large text), and the focus outline
that shows where the keyboard is (after Tab, on every control)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

_BASE_POINT_SIZE: dict[str, float] = {}

# the outline's colour: a strong blue that stands out on the light controls and on selections
OUTLINE_COLOR = QColor("#0a5fd6")
OUTLINE_WIDTH = 2


def apply_font_scale(scale: float) -> None:
    """Scale the application font from the size the platform gave it at start."""
    font = QFont(QApplication.font())
    base = _BASE_POINT_SIZE.setdefault("size", font.pointSizeF() if font.pointSizeF() > 0 else 10.0)
    font.setPointSizeF(round(base * scale, 1))
    QApplication.setFont(font)


def text_scale() -> float:
    """How much larger the text is than the platform gave it: 1.4 in large text, else 1.0."""
    base = _BASE_POINT_SIZE.get("size")
    size = QApplication.font().pointSizeF()
    return size / base if base and size > 0 else 1.0


class FocusStyle(QProxyStyle):
    """The platform's style, with a 2-pixel outline on the control that has the keyboard focus
    once the keyboard has moved it (after Tab): the platform's own marks are faint (a dotted
    rectangle on a button, a thin line on a field, nothing on a combo box)."""

    def _outline(self, option, painter, rect=None) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(OUTLINE_COLOR, OUTLINE_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = OUTLINE_WIDTH / 2
        painter.drawRoundedRect(QRectF(rect or option.rect).adjusted(half, half, -half, -half), 3, 3)
        painter.restore()

    @staticmethod
    def _keyboard_focus(option) -> bool:
        state = option.state
        return bool(state & QStyle.StateFlag.State_HasFocus) and bool(state & QStyle.StateFlag.State_KeyboardFocusChange)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:  # buttons, check boxes, a list's row
            if option.state & QStyle.StateFlag.State_KeyboardFocusChange:
                self._outline(option, painter)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMES and self._keyboard_focus(option):
            self._outline(option, painter)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _BOXES and self._keyboard_focus(option):
            self._outline(option, painter)


# the frames of text fields and lists, and the boxes, that get the outline around them
_FRAMES = (QStyle.PrimitiveElement.PE_FrameLineEdit, QStyle.PrimitiveElement.PE_Frame)
_BOXES = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)
# the style once installed, held here too so that Python never lets it go while Qt uses it
_INSTALLED: list[FocusStyle] = []


def install_focus_outline() -> None:
    """The application's style becomes :class:`FocusStyle` over the style it has (once)."""
    if isinstance(QApplication.style(), FocusStyle):
        return
    style = FocusStyle(QApplication.style().name())  # the base style made by name: the proxy owns it
    _INSTALLED.append(style)
    QApplication.setStyle(style)


def focus_outline() -> FocusStyle | None:
    """The style that draws the outline, if :func:`install_focus_outline` was called."""
    style = QApplication.style()
    return style if isinstance(style, FocusStyle) else None
