"""``meguro-jukyo`` and ``python -m meguro_jukyo``: the GUI without a subcommand, else the CLI."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
