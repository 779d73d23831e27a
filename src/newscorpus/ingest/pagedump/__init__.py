"""Cleaning text dumps of whole pages (menus, share buttons, captions) to the article. Pure."""
