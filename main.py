"""Start meguro_jukyo from a checkout: ``python main.py`` (GUI) or ``python main.py COMMAND``."""

from meguro_jukyo.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
