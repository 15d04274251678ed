"""The app around the screens: frame, navigation, session and sign-in routes, the viewer, refresh."""
