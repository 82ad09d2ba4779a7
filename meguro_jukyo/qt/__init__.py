"""The desktop app (PySide6). Reaches data only through core services, on the database lane."""
