"""A small plugin the kernel tests enable instead of a business plugin."""
