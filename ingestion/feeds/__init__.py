"""Feeds: the sources the pipeline polls, their health, and the report of each poll."""
