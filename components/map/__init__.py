"""The map screen: its controls, the map with its breadcrumbs, and the area detail panel."""
