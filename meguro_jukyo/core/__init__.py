"""The core: no Qt here. Models, the store, services, search, exchange and sync."""
