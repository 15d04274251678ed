"""The explorer screen: indicator finder, charts, state and exports."""
