"""The journeys' pure computation: step status, the review agenda, the map layout and the
business case. Plain data in, plain data out; no Django inside."""
