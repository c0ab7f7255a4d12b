"""Team steering's pure code: plain data in, plain data out, no Django (checked by the layer
contract in pyproject.toml).

`days` (the dagstart's calendar), `evaluation` (a KPI's status against its target and
trend), `effect` (the before/after statistics of an improvement action), `pdca` (an
action's steps), `stories` (which compliment opens the dagstart), `numbers` and `charts`
(static SVG sparklines).
"""
