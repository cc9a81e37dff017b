"""Finding temporal expressions in a parsed sentence and reading their tense from the parse.

Each token gets a one-letter symbol from the time vocabulary (``data/time_words.tsv``): ``M``
month, ``D`` day number, ``Y`` year, ``W`` weekday, ``R`` yesterday/today/tomorrow, ``S T F``
last/this/next, lower-case letters for units, and so on. The expression grammar is a handful
of regular expressions over that symbol string (grammar, so it lives here; the words live in
the data file, the function words "the", "of", "in" in ``lang/en.py``). spaCy's DATE
entities are used only as evidence that a bare number is a year.

Orientation (past/future) comes from the clause that governs the expression: its tense,
auxiliaries ("will", "could"), an infinitive under a verb of planning ("agreed to meet"), or
the preposition "since".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from eventcoder.lang.en import NOUN_TIME_MODIFIER_DEPS, TIME_FUNCTION_WORDS
from eventcoder.time.values import REFERENCE_PRECISIONS, Orientation, Parts, TimeValue, resolve
from eventcoder.time.words import TimeWords

UNIT_SYMBOLS = {
    "day": "d",
    "week": "w",
    "weekend": "k",
    "fortnight": "f",
    "month": "m",
    "quarter": "q",
    "half": "h",
    "year": "y",
    "decade": "c",
}
SYMBOL_UNITS = {symbol: unit for unit, symbol in UNIT_SYMBOLS.items()}
SHIFT_SYMBOLS = {-1: "S", 0: "T", 1: "F"}
REF_OF_SHIFT = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}
SYMBOL_SHIFTS = {symbol: shift for shift, symbol in SHIFT_SYMBOLS.items()}

_MOD = r"(?:t?H-?o?)?"  # early / mid- / late / the end of
# (kind, pattern) in priority order; the longest match wins, ties go to the earlier pattern.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("date", r"I"),  # 2023-07-27 as one token
        ("date", r"Y-D-D"),  # 2023 - 07 - 27
        ("date", r"(?:W,?)?M-?D(?:,?Y)?"),  # (Friday,) July 27(, 2023)
        ("date", r"(?:W,?)?t?Do?M(?:,?Y)?"),  # 27 July 2023, the 27th of July
        ("month", _MOD + r"Mo?,?Y"),  # July 2023, July of 2023
        ("month", _MOD + r"Mo?[SFT]y"),  # January this year, June of last year
        ("month", r"[SFT]M"),  # last May
        ("month", _MOD + r"M"),  # July, mid-July, the end of July
        ("quarter", r"[SFT]ysO-?[qh]"),  # next year's first quarter
        ("quarter", r"Ys?O-?[qh]"),  # 1989's third quarter
        ("quarter", r"t?O-?[qh](?:oY)?"),  # the third quarter (of 1989), the first half
        ("year", _MOD + r"Y"),
        ("decade", _MOD + r"t?E"),  # the 1990s, the mid-1990s
        ("weekday", r"[SFT]?WP?"),  # (last) Friday (night)
        ("day", r"H?RP?"),  # (late) yesterday (morning)
        ("day", r"[ST]P"),  # this morning, last night
        ("unit", _MOD + r"g?[SFT][dwkfmqhyc]"),  # last week, earlier this month, late last year
        ("unit", r"tk"),  # (over) the weekend
        ("ago", r"[DN]-?[dwfmyc]G"),  # two days ago, a year ago
        ("anaphor", r"[DN]-?[dwfmyc]g"),  # two days later, a year earlier
        ("anaphor", r"t?A[dwfmqhy]"),  # the previous day, that year, the following week
        ("anaphor", r"tFd"),  # the next day
        ("anaphor", r"t?AW"),  # the previous Friday, the following Monday
        ("anaphor", r"gi?[tA]d"),  # earlier in the day, later that day
        ("season", r"[SFT]X"),  # last summer
        ("season", r"t?Xo?,?Y"),  # the summer of 1988
        ("season", _MOD + r"tX"),  # (over) the summer
        ("ref", r"Z"),  # now, recently
        ("ref", r"tS(?![dwkfmqhycWMXPNDOg])"),  # in the past
    )
)

_ORDINAL_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_DECADE = re.compile(r"^(\d{3})0'?s$")
_SHORT_DECADE = re.compile(r"^'(\d)0s$")
_TWO_DIGIT_DECADE = re.compile(r"^([1-9])0'?s$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class Symbol:
    letter: str
    value: int | str | None = None


@dataclass(frozen=True, slots=True)
class Expression:
    """A temporal expression: tokens ``start``..``end`` (doc indices, end exclusive), what it
    says, where it attaches in the parse, and its value (None when it cannot be resolved)."""

    start: int
    end: int
    parts: Parts
    attach: Token  # the verb or noun the expression modifies
    orientation: Orientation
    value: TimeValue | None
    # Bound to a noun as its modifier ("Wednesday's coup", "the July 26 coup"): the noun's own
    # time, never borrowed by another event of the sentence.
    noun_modifier: bool = False

    @property
    def text(self) -> str:
        doc = self.attach.doc
        return doc[self.start : self.end].text


# -- symbols --------------------------------------------------------------------------------
def _key(token: Token) -> tuple[str, bool]:
    low = token.lower_
    if len(low) > 1 and low.endswith("."):
        return low[:-1], True
    return low, False


def _next_is_number(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isdigit()


def _after_day_number(token: Token, words: TimeWords) -> bool:
    """ "29 mai", "1er juin": a month name after a day number is a month whatever its case
    (French writes months in lower case)."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if _number_symbol(before.text).letter == "D":
        return True
    ordinal = words.int_of("ordinal", _key(before)[0]) if before.text[:1].isdigit() else None
    return ordinal is not None and 1 <= ordinal <= 31


_OTHER = Symbol("x")
_GRAMMAR = {word: Symbol(letter) for word, letter in TIME_FUNCTION_WORDS.items()} | {
    ",": Symbol(","),
    "-": Symbol("-"),
    "–": Symbol("-"),
}


def symbol_of(token: Token, words: TimeWords) -> Symbol:
    """The token's letter in the expression grammar, with its value."""
    low = token.lower_
    first = low[:1]
    if low not in words.known_forms and not first.isdigit() and first != "'" and "-" not in low:
        return _GRAMMAR.get(low, _OTHER)  # most tokens: one set lookup
    text = token.text
    key, dotted = _key(token)
    if text[:1].isdigit():
        found = _number_symbol(text)
        ordinal = words.int_of("ordinal", key) if found.letter == "x" else None
        if ordinal is not None and 1 <= ordinal <= 31:
            return Symbol("D", ordinal)  # French "1er" (juin): the first day
        return found
    if "-" in text and text[-1:] in "0123456789s":
        head, _, tail = text.partition("-")
        if tail[:1].isdigit() and words.has("modifier", head.lower()):
            return _number_symbol(tail)  # "mid-1996", "mid-1990s": one token
    if text[:1] == "'" and (match := _SHORT_DECADE.match(text)):
        return Symbol("E", 190 + int(match.group(1)))
    if key in words.dotted and not dotted and not _next_is_number(token):
        return Symbol("x")  # "Jan", "Sun" without a period: names, not dates
    month = words.int_of("month", key)
    if month is not None:
        if (
            text[:1].isupper() or _next_is_number(token) or _after_day_number(token, words)
        ) and not token.tag_.startswith(("VB", "MD")):
            return Symbol("M", month)
        return Symbol("x")
    weekday = words.int_of("weekday", key)
    if weekday is not None:
        return Symbol("W", weekday)
    for kind, letter in (("day", "R"), ("count", "N"), ("ordinal", "O")):
        number = words.int_of(kind, key)
        if number is not None:
            return Symbol(letter, number)
    shift = words.int_of("shift", key)
    if shift is not None:
        return Symbol(SHIFT_SYMBOLS[shift])
    unit = words.text_of("unit", key)
    if unit is not None:
        return Symbol(UNIT_SYMBOLS[unit], unit)
    if words.int_of("ago", key) is not None:
        return Symbol("G")
    relative = words.int_of("relative", key)
    if relative is not None:
        return Symbol("g", relative)
    anaphor = words.int_of("anaphor", key)
    if anaphor is not None:
        return Symbol("A", anaphor)
    part = words.text_of("part", key)
    if part is not None:
        return Symbol("P", part)
    if words.has("modifier", key):
        return Symbol("H")
    season = words.text_of("season", key)
    if season is not None:
        return Symbol("X", season)
    ref = words.text_of("ref", key)
    if ref is not None:
        return Symbol("Z", ref)
    return _GRAMMAR.get(key, _OTHER)


def _number_symbol(text: str) -> Symbol:
    if text.isdigit():
        number = int(text)
        if len(text) == 4 and 1000 <= number <= 2999:
            return Symbol("Y", number)
        if len(text) <= 2 and 1 <= number <= 31:
            return Symbol("D", number)
        return Symbol("N", number)
    if match := _ORDINAL_DAY.match(text.lower()):
        number = int(match.group(1))
        return Symbol("D", number) if 1 <= number <= 31 else Symbol("x")
    if match := _DECADE.match(text.lower()):
        return Symbol("E", int(match.group(1)))
    if match := _TWO_DIGIT_DECADE.match(text.lower()):
        return Symbol("E", 190 + int(match.group(1)))  # "the '90s" (spaCy splits the quote)
    if match := _ISO.match(text):
        return Symbol("I", text)
    return Symbol("x")


# -- expressions -----------------------------------------------------------------------------
def find_expressions(
    tokens: Sequence[Token],
    words: TimeWords,
    dct: date | None,
    trusted: bool = False,
    reference: TimeValue | None = None,
) -> list[Expression]:
    """The temporal expressions in a run of tokens (a sentence), resolved against ``dct``.

    ``trusted`` says the tokens are known to be a date (an annotated span): a bare number
    then counts as a year without further evidence. ``reference`` is the story's last date
    before the tokens (see :func:`next_reference`), for "the next day", "a year earlier".
    """
    if not tokens:
        return []
    symbols = [symbol_of(t, words) for t in tokens]
    letters = "".join(s.letter for s in symbols)
    if not (set(letters) - set("xt,-osi")):
        return []
    spans: list[tuple[int, int, int, str]] = []  # (start, end, priority, kind)
    for priority, (kind, pattern) in enumerate(PATTERNS):
        for match in pattern.finditer(letters):
            spans.append((match.start(), match.end(), priority, kind))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[2], s[0]))
    taken = [False] * len(tokens)
    chosen: list[tuple[int, int, str, Parts]] = []
    for start, end, _, kind in spans:
        if any(taken[start:end]):
            continue
        if kind == "year" and not trusted and not _year_context(tokens, symbols, start, end, words):
            continue
        if kind == "anaphor" and end < len(tokens) and tokens[end].lower_ == "than":
            continue  # "three days later than planned": a comparison, not a date
        last = tokens[end - 1]
        plural = symbols[end - 1].letter in "dwkfmqhyc" and (
            last.tag_ in ("NNS", "NNPS") or last.lower_.endswith("s")
        )
        parts = read_parts(kind, symbols[start:end], plural)
        if parts is None:
            continue
        for i in range(start, end):
            taken[i] = True
        chosen.append((start, end, kind, parts))
    chosen.sort()
    found: list[Expression] = []
    for start, end, kind, parts in chosen:
        span_tokens = tokens[start:end]
        attach = attachment(span_tokens)
        orientation = orientation_of(span_tokens, attach, words)
        if kind in ("date", "month") and attach.pos_ not in ("VERB", "AUX"):
            orientation = None  # "payable Dec. 15", "a cutback in September": the nearest
        elif kind == "weekday" and orientation is None and _present_simple(attach):
            orientation = "future"  # "the ministers meet on Monday": a schedule
        root = _root(span_tokens)
        value = resolve(parts, dct, orientation, reference)
        reference = next_reference(value, reference)
        found.append(
            Expression(
                start=span_tokens[0].i,
                end=span_tokens[-1].i + 1,
                parts=parts,
                attach=attach,
                orientation=orientation,
                value=value,
                noun_modifier=(
                    root.dep_ in NOUN_TIME_MODIFIER_DEPS and attach.pos_ in ("NOUN", "PROPN")
                ),
            )
        )
    return found


def next_reference(value: TimeValue | None, reference: TimeValue | None) -> TimeValue | None:
    """The story's date after an expression: the expression's value when it names a time
    ("on Thursday", "in March 2005"), else the one before ("now", "the 1990s" do not count)."""
    if value is not None and value.precision in REFERENCE_PRECISIONS:
        return value
    return reference


def last_reference(
    expressions: Sequence[Expression], reference: TimeValue | None
) -> TimeValue | None:
    """The story's date after a sentence's expressions."""
    for expression in expressions:
        reference = next_reference(expression.value, reference)
    return reference


def _year_context(
    tokens: Sequence[Token], symbols: list[Symbol], start: int, end: int, words: TimeWords
) -> bool:
    """A bare four-digit number is a year after a cue ("in 2011"), with a modifier ("early
    2011"), or when spaCy tags it DATE; not in "2000 soldiers"."""
    if end - start > 1:
        return True
    token = tokens[start]
    previous = token.doc[token.i - 1] if token.i > 0 else None
    if previous is not None and words.has("year_cue", _key(previous)[0]):
        return True
    if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS"):
        # "sent 2000 soldiers" counts; "the 2011 elections" names a year
        return previous is not None and previous.tag_ in ("DT", "PRP$", "POS")
    return token.ent_type_ == "DATE"


def read_parts(kind: str, symbols: Sequence[Symbol], plural: bool = False) -> Parts | None:
    """The fields of a matched expression; ``plural`` says its last word is a plural unit."""
    first: dict[str, int | str | None] = {}
    ints: list[int] = []
    for symbol in symbols:
        first.setdefault(symbol.letter, symbol.value)
        if symbol.letter in "DN" and isinstance(symbol.value, int):
            ints.append(symbol.value)
    letters = "".join(s.letter for s in symbols)
    shift = next((SYMBOL_SHIFTS[c] for c in letters if c in SYMBOL_SHIFTS), None)
    lean: Orientation = None
    if shift is not None and shift != 0:
        lean = "past" if shift < 0 else "future"
    year = _int(first.get("Y"))
    if kind == "date":
        iso = first.get("I")
        if isinstance(iso, str):
            return Parts("date", year=int(iso[:4]), month=int(iso[5:7]), day=int(iso[8:10]))
        if "M" not in first:
            if len(ints) < 2 or year is None:
                return None
            return Parts("date", year=year, month=ints[0], day=ints[1])  # ISO, split
        return Parts("date", year=year, month=_int(first["M"]), day=_int(first.get("D")))
    if kind == "month":
        month = _int(first.get("M"))
        if "y" in letters:  # "June last year": the shift moves the year
            return Parts("month", month=month, year_shift=shift, lean=lean)
        return Parts("month", year=year, month=month, shift=shift, lean=lean)
    if kind == "year":
        return Parts("year", year=year)
    if kind == "decade":
        return Parts("decade", decade=_int(first.get("E")))
    if kind == "weekday":
        return Parts("weekday", weekday=_int(first.get("W")), shift=shift, lean=lean)
    if kind == "day":
        night = first.get("P") == "night"
        return Parts("day", offset=_int(first.get("R")), shift=shift, night=night, lean=None)
    if kind == "unit":
        unit = next((SYMBOL_UNITS[c] for c in reversed(letters) if c in SYMBOL_UNITS), None)
        if plural and shift is not None:  # "in coming months", "in recent years": vague
            return Parts("ref", ref=REF_OF_SHIFT[shift])
        earlier = _int(first.get("g"))  # "earlier this month"
        if earlier is not None and lean is None:
            lean = "past" if earlier < 0 else "future"
        return Parts("unit", unit=unit, shift=shift, lean=lean)
    if kind == "ago":
        unit = next((SYMBOL_UNITS[c] for c in letters if c in SYMBOL_UNITS), None)
        count = ints[0] if ints else None
        return Parts("ago", unit=unit, count=count, lean="past")
    if kind == "anaphor":
        unit = next((SYMBOL_UNITS[c] for c in letters if c in SYMBOL_UNITS), None)
        direction = _int(first.get("A"))
        if "g" in letters and "d" in letters and not ints:
            direction = 0  # "earlier in the day", "later that day": the same day
        if direction is None:
            direction = _int(first.get("g"))  # "two days later"
        if direction is None:
            direction = 1  # "the next day"
        count = ints[0] if ints else (0 if direction == 0 else 1)
        if plural and not ints:
            return None  # "the following days": vague
        return Parts(
            "anaphor", unit=unit, count=count, shift=direction, weekday=_int(first.get("W"))
        )
    if kind == "quarter":
        unit = "quarter" if "q" in letters else "half"
        ordinal = _int(first.get("O"))
        if "y" in letters and shift is not None:  # next year's first quarter
            return Parts("quarter", unit=unit, ordinal=ordinal, shift=shift)
        return Parts("quarter", unit=unit, ordinal=ordinal, year=year)
    if kind == "season":
        season = first.get("X")
        return Parts(
            "season", season=season if isinstance(season, str) else None, year=year, shift=shift
        )
    if kind == "ref":
        ref = first.get("Z")
        if "S" in letters:
            ref = "PAST_REF"  # "the past"
        return Parts("ref", ref=ref if isinstance(ref, str) else None)
    return None


def _int(value: int | str | None) -> int | None:
    return value if isinstance(value, int) else None


# -- where an expression attaches, and the tense of its clause ----------------------------------
def attachment(span: Sequence[Token]) -> Token:
    """The verb or noun an expression modifies: the head of its preposition ("detained on
    Wednesday" -> detained; "the summit on Sunday" -> summit), else its own head ("Wednesday's
    coup" -> coup; "met Sunday" -> met). A headless fragment attaches to itself."""
    root = _root(span)
    if root.head.i == root.i:
        return root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i != head.i:
        head = head.head
    return head


def _root(span: Sequence[Token]) -> Token:
    inside = {t.i for t in span}
    return next((t for t in span if t.head.i not in inside or t.head.i == t.i), span[0])


def clause_verb(token: Token) -> Token | None:
    """The nearest verb at or above a token (its clause), or None in a verbless fragment."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def orientation_of(span: Sequence[Token], attach: Token, words: TimeWords) -> Orientation:
    """Past or future as the context places the expression: "since", then the clause."""
    first = span[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    if before is not None and words.has("since", before.lower_):
        return "past"
    if (
        attach.lower_ in words.sets["future_verb"]
        or attach.lemma_.lower() in (words.sets["future_verb"])
    ):
        verb = clause_verb(attach)
        if verb is None or verb_orientation(verb, words) != "past":
            return "future"  # "is scheduled for Monday", "the planned vote on Sunday"
    verb = clause_verb(attach)
    if verb is None:
        return None
    return verb_orientation(verb, words)


def _present_simple(verb: Token) -> bool:
    """A full verb in the simple present with no auxiliary ("meet", "travels")."""
    return (
        verb.pos_ == "VERB"
        and verb.tag_ in ("VBZ", "VBP")
        and not _past_in_disguise(verb)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _past_in_disguise(verb: Token) -> bool:
    """ "The index hurt ...": a base form after a singular noun subject is a past tense that
    looks like the present (hurt, cut, hit, put, set, spread)."""
    return verb.tag_ == "VBP" and any(
        c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children
    )


def verb_orientation(verb: Token, words: TimeWords, depth: int = 0) -> Orientation:
    """Where a clause's tense puts it: past, future, or None (present, bare)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    future_aux = words.sets["future_aux"]
    future_verbs = words.sets["future_verb"]
    if any(a.lower_ in future_aux for a in auxes):
        if verb.tag_ == "VBN" and any(a.lemma_.lower() == "have" for a in auxes):
            return "past"  # "may have been", "would have signed"
        return "future"
    if any(a.tag_ == "TO" for a in auxes):
        governor = verb.head
        if governor.i == verb.i or depth >= 3:
            return None
        if governor.lemma_.lower() in future_verbs or governor.lower_ in future_verbs:
            return "future"  # "agreed to meet on Sunday", "is due to arrive"
        if governor.lemma_.lower() == "go" and governor.tag_ == "VBG":
            return "future"  # "is going to meet"
        if governor.lemma_.lower() == "be" and verb.dep_ == "xcomp":
            return "future"  # "is to meet"
        return verb_orientation(governor, words, depth + 1)
    if not auxes and verb.dep_ == "conj" and verb.tag_ != "VBD" and depth < 3:
        return verb_orientation(verb.head, words, depth + 1)  # "will meet and sign on Sunday"
    if verb.tag_ in ("VBZ", "VBP") and any(
        c.dep_ in ("acomp", "attr") and c.lower_ in future_verbs for c in verb.children
    ):
        return "future"  # "the vote is due on Sunday"
    tag = verb.tag_
    if tag == "VBD" or any(a.tag_ == "VBD" for a in auxes) or _past_in_disguise(verb):
        return "past"  # "met", "was arrested", "had fled", "did not"
    if tag == "VBN":
        if verb.lower_ in future_verbs and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future"  # "is scheduled for Monday"
        return "past"  # "has been confined", "Bazoum detained on Wednesday" (headline)
    if tag == "MD":
        return "future" if verb.lower_ in future_aux else None
    return None
