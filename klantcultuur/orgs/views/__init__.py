"""Views of the organisation pages, split by topic."""
