"""Screens of the app: the main three-pane screen, help, and palette providers."""
