"""The vision's pure computation: plain data in, plain data out, no Django.

- `text`: Dutch words to comparable stems (snowball), without stop words.
- `recall`: an answer in someone's own words scored against the customer promises, explained.
- `tact`: a behaviour checked on Target, Action, Context and Time, vague wording flagged.
- `diff`: a readable difference between two versions of the vision.
- `chart`: the observations per week as a static SVG column chart.
- `layers`: which layer (board, division, department, team leaders) a manager belongs to.
"""
