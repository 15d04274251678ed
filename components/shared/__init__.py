"""Pieces several screens share: the map component, the PNG button, the set picker, downloads."""
