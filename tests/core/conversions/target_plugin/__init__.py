"""A tiny plugin owning target kinds for the conversion tests."""
