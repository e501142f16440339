"""Extraction: a story's clean text -> its Metadata, read from the prose."""
