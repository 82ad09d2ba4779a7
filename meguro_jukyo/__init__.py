"""meguro_jukyo: local issues, meetings and decisions of Meguro's residents' councils."""

__version__ = "0.1.0"
