"""The blind grading pages (server-rendered; a little plain JavaScript for keyboard shortcuts)."""
