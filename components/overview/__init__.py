"""The overview screen and the home page summary."""
