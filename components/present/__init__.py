"""Presentation mode: the deck state and the in-browser slide stepper."""
