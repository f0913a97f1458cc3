"""A test plugin with jobs that write, jobs that fail, and a periodic job."""
