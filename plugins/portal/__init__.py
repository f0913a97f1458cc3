"""The client portal: a client's contact people sign in and see their own records."""
