"""Benchmarks that print figures (`make bench`); targets live here, not in timed tests."""
