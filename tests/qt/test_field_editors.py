"""The GUI's fields are the registry's (core/fields.py): the editors show its editor fields, the
lists its columns, and both speak Japanese from labels that live in core."""

from PySide6.QtCore import Qt

from meguro_jukyo.core import fields as registry
from meguro_jukyo.qt.fields import FIELDS, field_label
from meguro_jukyo.qt.models import COLUMNS, EntityTableModel


def test_each_editor_shows_the_fields_the_registry_gives_it_in_its_order():
    assert set(FIELDS) == {kind for kind in registry.ENTITIES if registry.editor_fields(kind)}
    for kind, specs in FIELDS.items():
        assert [(s.name, s.label, s.kind, s.vocab, s.optional) for s in specs] == [
            (f.name, f.label, f.kind, f.vocab, f.optional) for f in registry.editor_fields(kind)]


def test_each_list_shows_the_registry_s_columns_in_their_order():
    assert set(COLUMNS) == {kind for kind, e in registry.ENTITIES.items() if e.columns}
    for kind, columns in COLUMNS.items():
        assert [(c.key, c.title) for c in columns] == [(f.name, f.column) for f in registry.list_fields(kind)]


def test_labels_from_core_are_translated_each_in_its_own_context(japanese, services, tasks, display):
    """A list header may read otherwise than the editor's label: 「出席」 above the column,
    「出席者数」 in the editor, from the same English; a 視点 link's fields, which no editor
    shows, are named in the history by their description."""
    assert field_label("meeting", "present") == "出席者数"
    model = EntityTableModel(services.meetings, tasks, display)
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["日時", "件名", "組織", "会議の種類", "場所", "出席", "状況"]
    assert field_label("policy_link", "reason") == "理由"
    assert field_label("issue", "no_such_field") == "no_such_field"
