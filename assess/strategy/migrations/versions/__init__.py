"""One module per migration, oldest first (``v0001_…``, ``v0002_…``)."""
