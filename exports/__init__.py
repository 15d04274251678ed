"""Files people take away (CSV, XLSX, later slides): built from frames the query layer returned."""
