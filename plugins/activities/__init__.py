"""Activities, notes and comments with attachments, tasks and a calendar feed, on any record."""
