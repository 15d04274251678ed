"""Boundaries, classification and map builders. No Streamlit here."""
