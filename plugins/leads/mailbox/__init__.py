"""The company mailbox: read over IMAP, parsed, threaded, filed, and turned into leads.

``fetcher`` speaks IMAP, ``parser`` turns raw RFC 5322 bytes into plain values,
``classify`` tells automatic and bulk mail apart, ``services`` stores and files what
arrives and converts a message into a lead, ``views`` are the staff inbox pages.
"""
