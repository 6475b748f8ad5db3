"""Ingestion: one input (a URL or a file) through fetch, extract, deduplicate and store."""
