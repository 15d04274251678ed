"""The drill-down table screen: view rules, data assembly, controls and drawing."""
