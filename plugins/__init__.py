"""Built-in business plugins, one folder each; see docs/plugins.md."""
