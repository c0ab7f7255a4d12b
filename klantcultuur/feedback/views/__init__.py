"""Views of Klantstem, split by topic."""
