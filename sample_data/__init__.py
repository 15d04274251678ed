"""Shipped data: boundaries (with licence), the indicator catalogue and the demo-data generator."""
