"""The import screen: upload, column mapping, TPMAP pairs, preview and commit."""
