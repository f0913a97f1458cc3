"""The ``offers`` plugin: commercial offers for leads and clients, sent with a client link."""
