"""How the app is served: several server processes, the start-up warm-up, nginx in front."""
