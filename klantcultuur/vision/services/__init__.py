"""Writes of the vision app: keyword-only functions, each in one transaction."""
