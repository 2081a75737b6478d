"""careerlib's own log formats, in one place below the importers and the analyses.

``applications`` is the applications log (the template's columns, stages, outcomes, its
checks, writing it back and merging two logs); ``career`` is the career history
(``career.csv``: its columns, its checks, merging roles into it). Both depend only on
``careerlib.io`` and ``careerlib.errors``, never on the importers or an analysis, so each
of those can depend on them without an import cycle. Nothing is imported here: importing
one format does not load the other.
"""
