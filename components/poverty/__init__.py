"""The poverty screen: controls, report assembly and drawing."""
