"""Writes of customer feedback that touch several models, by topic."""
