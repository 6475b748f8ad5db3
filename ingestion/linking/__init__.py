"""Linking: find known records in an article's text, and suggest the ones we do not have."""
