"""Reading a stored wave report: the anonymity gate, page contexts, charts and exports.

``decisions`` computes, once per report, what may be shown; ``gate.ReportGate`` is the only
reader of a stored report and applies those decisions to every figure; ``pages``, ``figures``
and ``exports`` build what the views render from the gate alone.
"""
