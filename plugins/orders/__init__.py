"""Orders with lines, a confirmation by the client and a status workflow: the ``orders`` plugin."""
