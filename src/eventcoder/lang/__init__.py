"""Languages: the grammatical word sets of each language the coder reads.

One module per language (``en.py``): dependency labels, part-of-speech tags and closed-class
words (prepositions, determiners, pronouns) as the stages use them, one named set per use. The
content words (verbs, nouns, place and cue words) live in the data files (``data/``), not
here. Ground floor: every stage may import it; it imports nothing of the project.
"""
