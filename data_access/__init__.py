"""The only layer that speaks SQL: engine, schema, queries returning DataFrames, seeding, import."""
