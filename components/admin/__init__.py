"""Administration screens: users and area sets."""
