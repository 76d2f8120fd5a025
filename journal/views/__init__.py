"""The journal's browser pages: Today, and the history, entry and delete pages per kind."""
