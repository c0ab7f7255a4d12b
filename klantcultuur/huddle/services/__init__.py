"""Writes of team steering that touch several models, each in a transaction, by topic."""
