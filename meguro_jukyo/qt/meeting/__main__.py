"""``python -m meguro_jukyo.qt.meeting``: meeting mode on its own (see :func:`.launch.main`)."""

from .launch import main

if __name__ == "__main__":
    raise SystemExit(main())
