"""Runs of capitalised words that may be a person's name, split into title and name.

`Russian Foreign Minister Sergey Lavrov` is one run of capitalised words; the leading
`Russian Foreign Minister` is the title and `Sergey Lavrov` the name. `Harry S. Truman
Library` and `Kenya Television` are runs too, but end in a word that names an institution,
so they are not people. One regular expression finds the runs; Python only looks at them,
which keeps the pass fast on long articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.countries import CountryMention
from pipeline.titles import is_title_word

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_WORD = rf"(?:[{_UPPER}][\w'’]*(?:-[\w'’]+)*|(?:al|el|ad|as|ash|at|bin|ibn|de)-[{_UPPER}][\w'’]*)"
_ABBREVIATED_TITLES = r"(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Adm|Sen|Sens|Rep|Reps|Gov|Amb|Sgt|St|Jr|Sr|Mt|Ft|Pres|Prof)"
_INITIALS = rf"(?:{_ABBREVIATED_TITLES}\.|[{_UPPER}]\.(?:[{_UPPER}]\.)*)"
_PARTICLE = r"(?:bin|bint|ibn|al|el|de|da|di|du|del|della|van|von|der|den|la|le|arap|dos|das|ben|abu|y|ul|ud)"
_TOKEN = rf"(?:{_INITIALS}|{_WORD})"
_RUN = re.compile(rf"(?<![\w.'’-]){_TOKEN}(?:(?:\s+{_PARTICLE})*\s+{_TOKEN})*(?:,?\s+(?:Jr\.|Sr\.|II|III|IV)\b)?")
_TOKENS = re.compile(rf"{_INITIALS}|{_WORD}|{_PARTICLE}\b|Jr\.|Sr\.|II\b|III\b|IV\b")

STOP_WORDS = frozenset(
    [
        "The", "A", "An", "But", "And", "Or", "In", "On", "At", "As", "After", "Before", "When", "While", "If",
        "Although", "Though", "This", "That", "These", "Those", "There", "Then", "Now", "Meanwhile", "However",
        "Also", "Still", "Some", "Many", "Most", "Both", "It", "He", "She", "They", "We", "I", "You", "His", "Her",
        "Its", "Their", "Our", "My", "Your", "Last", "Next", "Earlier", "Later", "According", "During", "Under",
        "Over", "With", "Without", "From", "To", "For", "By", "Of", "Since", "Until", "Yet", "So", "Because", "Why",
        "What", "Who", "Whom", "Where", "How", "Each", "Every", "No", "Not", "All", "Any", "One", "Two", "Three",
        "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Twenty", "Group",
        "Asked", "Speaking", "Despite", "Among", "Amid", "Following", "Dear", "Sources", "Officials",
        "Yesterday", "Today", "Tomorrow", "Tonight", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.",
        "Oct.", "Nov.", "Dec.", "Mondays", "Here", "Such", "Other", "Another", "Several", "Let", "Please", "Thank",
        "Thanks", "Even", "Just", "Only", "Indeed", "Instead", "Again", "Already", "Is", "Are", "Was", "Were", "Be",
        "Has", "Have", "Had", "Does", "Did", "Will", "Would", "Can", "Could", "Should", "Shall", "Might",
        "Must", "Mrs", "Miss", "Sir", "Lord", "Lady", "Saint", "Christmas", "Easter", "Ramadan", "God", "Allah",
        "Islam", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jews", "Communist", "Communists",
        "Socialist", "Democrat", "Democrats", "Democratic", "Republican", "Republicans", "Western", "Eastern",
        "Northern", "Southern", "West", "East", "North", "South", "Central", "Cold", "War", "World",
    ]
)
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Messrs.", "Madame", "Mme."})
INSTITUTION_WORDS = frozenset(
    [
        "Library", "House", "Department", "Ministry", "Office", "Council", "Party", "Airport", "Hotel", "University",
        "College", "School", "Center", "Centre", "Institute", "Foundation", "Agency", "Administration", "Government",
        "Committee", "Commission", "Organization", "Organisation", "Company", "Corp.", "Corp", "Inc.", "Inc",
        "Group", "Bank", "Fund", "Church", "Mosque", "Palace", "Square", "Street", "Avenue", "Road", "Bridge",
        "Park", "Hall", "Museum", "Stadium", "Force", "Army", "Navy", "Forces", "Guard", "Television", "Radio",
        "News", "Press", "Times", "Post", "Journal", "Service", "Network", "Association", "Union", "League",
        "Federation", "Assembly", "Parliament", "Congress", "Senate", "Court", "Tribunal", "Conference", "Summit",
        "Treaty", "Accord", "Accords", "Agreement", "Pact", "Plan", "Initiative", "Program", "Programme", "Project",
        "Operation", "Shield", "Storm", "Crisis", "Peninsula", "Gulf", "Sea", "Ocean", "River", "Lake", "Island",
        "Islands", "Mountains", "Valley", "Strait", "Canal", "Base", "Station", "Port", "Province", "Region", "City",
        "County", "District", "Republic", "Kingdom", "Emirates", "Nations", "States", "Cup", "Championship", "Club",
        "Airlines", "Airways", "Motors", "Technologies", "Systems", "Holdings", "Industries", "Channel", "Daily",
        "Herald", "Tribune", "Gazette", "Review", "Reuters", "Xinhua", "Foundation", "Brigade", "Brigades",
        "Movement", "Front", "Council", "Cabinet", "Embassy", "Consulate", "Mission", "Authority", "Coalition",
        "Alliance", "Convention", "Declaration", "Charter", "Protocol", "Act", "Bill", "Law", "Doctrine", "Prize",
        "Award", "Festival", "Games", "Olympics", "Street", "Stock", "Exchange", "Index", "Market", "Markets",
    ]
)


@dataclass(frozen=True)
class NameRun:
    """A possible personal name with any title words that were written in front of it in the same run."""

    start: int  # offsets of the name itself, in the body
    end: int
    tokens: tuple[str, ...]
    title_tokens: tuple[str, ...]
    title_start: int  # where the run (title included) starts
    honorific: bool
    possessive: bool

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def find_name_runs(text: str, offset: int, country_spans: list[tuple[int, int, CountryMention]]) -> Iterator[NameRun]:
    """Possible names in a sentence (`offset` is the sentence's position in the body)."""
    for run in _RUN.finditer(text):
        tokens = [(m.group(0), offset + run.start() + m.start()) for m in _TOKENS.finditer(run.group(0))]
        yield from _split_run(tokens, country_spans)


def _split_run(tokens: list[tuple[str, int]], country_spans: list[tuple[int, int, CountryMention]]
               ) -> Iterator[NameRun]:
    def in_country(position: int) -> bool:
        return any(s <= position < e for s, e, _ in country_spans)

    # A run may hold several names only when a stop word (`Monday`) or acronym splits it; split there.
    pieces: list[list[tuple[str, int]]] = [[]]
    for token, position in tokens:
        bare = token.rstrip(".")
        breaks = token in STOP_WORDS or (bare.isupper() and len(bare) > 1 and "." not in token and
                                          not in_country(position) and bare not in {"II", "III", "IV"})
        if breaks:
            if pieces[-1]:
                pieces.append([])
            continue
        pieces[-1].append((token, position))
    for piece in pieces:
        run = _name_from_piece(piece, in_country)
        if run is not None:
            yield run


def _name_from_piece(piece: list[tuple[str, int]], in_country) -> NameRun | None:
    if not piece:
        return None
    title: list[str] = []
    honorific = False
    index = 0
    while index < len(piece):
        token, position = piece[index]
        if token in HONORIFICS:
            honorific = True
            title.append(token)
        elif is_title_word(token) or in_country(position):
            title.append(token)
        else:
            break
        index += 1
    core = piece[index:]
    # Trailing particles are not part of a name.
    while core and core[-1][0].islower():
        core.pop()
    if not core or len(core) > 5:
        return None
    if re.sub(r"(?:['’]s|['’])$", "", core[-1][0].rstrip(".")) in INSTITUTION_WORDS:
        return None  # `Harry S. Truman Library`, `Kenya Television` (but `Bill Clinton` is a person)
    if any(in_country(p) for _, p in core):
        # `Prime Minister Kiet of Vietnam` is fine; a name made of country words is a place or adjective.
        kept = []
        for token, position in core:
            if in_country(position):
                break
            kept.append((token, position))
        core = kept
        if not core:
            return None
    last_token, last_position = core[-1]
    possessive = last_token.endswith(("'s", "’s"))
    if possessive:
        core[-1] = (last_token[:-2], last_position)
    start = core[0][1]
    end = core[-1][1] + len(core[-1][0])
    return NameRun(start, end, tuple(t for t, _ in core), tuple(title), piece[0][1], honorific, possessive)
