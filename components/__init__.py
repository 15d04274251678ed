"""Drawing pieces shared by the pages: frame, language, KPI cards, tables."""
