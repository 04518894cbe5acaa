"""Learned scorers for extraction: small linear models whose weights ship in ``data/``.

- ``typer.SentenceTyper``: per sentence, the probability of each incident type;
- ``roles.RoleScorer``: per (trigger, argument) of a spaCy parse, the probability of each role;
- ``confidence.IncidentConfidence`` with ``confidence.incident_features``: per incident, the
  calibrated probability that it is real and of its type.

``make train`` (``casefile.learn.train``) retrains them; docs/learning.md describes the data,
the licences and the held-out figures. Nothing here trains at run time, and nothing imports
torch: numpy, scipy and scikit-learn's hashing are all it needs.
"""
