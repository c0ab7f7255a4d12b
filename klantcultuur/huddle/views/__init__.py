"""Views of team customer steering, split by topic."""
