"""Grammar of each language the coder reads, one module per language (``en.py``).

A language module holds the closed grammatical word sets the stages need: dependency labels
of its parser, pronouns, prepositions, auxiliaries, each named for what it is used for.
Open-class knowledge (verbs, nouns, roles, places, time words) lives in ``data/`` instead.
"""
