"""Getting data in and out: canonical dumps, Excel, open data, minutes."""
