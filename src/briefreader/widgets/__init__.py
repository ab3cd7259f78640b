"""Panes of the app: article list, reader (with legend), cross-reference sidebar."""
