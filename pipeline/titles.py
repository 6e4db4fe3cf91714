"""Titles of officials: which words make a title, which titles make an official.

A contact counts only between officials (heads of state and government, ministers,
ambassadors, envoys, military chiefs, party leaders, heads of legislatures and of
international organisations). News marks them with titles (`Foreign Minister`, `army chief`,
`Secretary of State`), so reading the title is how a name unknown to the knowledge base
still becomes a participant, and how senators, spokesmen and FBI directors stay out.
"""

from __future__ import annotations

from dataclasses import dataclass

# Head words: the noun a title is built on. Each maps to a canonical role word.
OFFICIAL_HEADS: dict[str, str] = {
    "president": "President", "presidents": "President", "vice-president": "Vice President",
    "premier": "Premier", "premiers": "Premier", "chancellor": "Chancellor", "chancellor-designate": "Chancellor",
    "minister": "Minister", "ministers": "Minister", "secretary": "Secretary", "secretaries": "Secretary",
    "undersecretary": "Undersecretary", "under-secretary": "Undersecretary", "secretary-general": "Secretary-General",
    "director-general": "Director-General", "king": "King", "queen": "Queen", "prince": "Prince",
    "emir": "Emir", "amir": "Emir", "sheikh": "Sheikh", "sultan": "Sultan", "monarch": "Monarch",
    "ayatollah": "Ayatollah", "leader": "Leader", "leaders": "Leader", "chief": "Chief", "chiefs": "Chief",
    "envoy": "Envoy", "envoys": "Envoy", "ambassador": "Ambassador", "ambassadors": "Ambassador",
    "chairman": "Chairman", "chairwoman": "Chairwoman", "commander": "Commander", "general": "General",
    "gen.": "General", "gen": "General", "lt.": "General", "col.": "Colonel", "admiral": "Admiral",
    "adm.": "Admiral", "adm": "Admiral", "marshal": "Marshal", "counterpart": "Counterpart",
    "counterparts": "Counterpart", "speaker": "Speaker", "commissioner": "Commissioner", "negotiator": "Negotiator",
    "representative": "Representative", "head": "Head", "taoiseach": "Taoiseach", "president-elect": "President-elect",
    "prime": "Prime Minister", "deputy": "Deputy", "viceroy": "Viceroy", "crown": "Crown Prince",
}
# Titles that mark a person who is not an official in our sense.
NON_OFFICIAL_HEADS = frozenset(
    [
        "senator", "senators", "sen.", "sens.", "sen", "sens", "congressman", "congresswoman", "rep.", "reps.",
        "spokesman", "spokeswoman", "spokesperson", "correspondent", "reporter", "analyst", "professor", "prof.",
        "director", "mayor", "governor", "gov.", "judge", "justice", "candidate", "coach", "captain", "striker",
        "player", "actor", "singer", "author", "writer", "editor", "economist", "lawyer", "attorney", "activist",
        "dissident", "rebel", "opposition", "bishop", "archbishop", "cardinal", "pope", "rabbi", "imam", "mr.",
        "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "ceo", "executive", "founder", "businessman", "tycoon",
        "manager", "owner", "student", "doctor", "officer", "inspector", "detective", "commentator", "host",
    ]
)
# Words that may sit inside a title between the nationality and the head.
TITLE_MODIFIERS = frozenset(
    [
        "foreign", "defense", "defence", "trade", "finance", "treasury", "commerce", "economy", "economic",
        "economics", "interior", "home", "justice", "energy", "oil", "petroleum", "agriculture", "health",
        "environment", "climate", "information", "state", "affairs", "national", "security", "adviser", "advisor",
        "deputy", "vice", "acting", "first", "prime", "senior", "special", "presidential", "chief", "supreme",
        "crown", "joint", "staff", "army", "military", "armed", "forces", "force", "navy", "naval", "air", "party",
        "communist", "socialist", "ruling", "general", "designated", "designate", "elect", "interim", "then", "new",
        "incoming", "outgoing", "top", "permanent", "external", "relations", "international", "cooperation",
        "development", "planning", "industry", "labor", "labour", "education", "culture", "tourism", "transport",
        "communications", "intelligence", "veterans", "homeland", "housing", "commonwealth", "european",
        "parliamentary", "parliament", "assembly", "senate", "congress", "house", "lower", "upper", "federal",
        "council", "cabinet", "government", "military's", "defense's", "regional", "administration",
        "administrative", "executive", "high", "legislative", "revolutionary", "republican", "democratic", "islamic",
        "arab", "gulf", "african", "asian", "nato", "u.n.", "un", "eu", "state's", "of", "for", "the",
        "commission", "committee", "staff's", "ministry", "policy", "central", "bank", "monetary", "fund",
        "affairs'", "s", "disarmament", "arms", "control", "non-proliferation", "nuclear", "chemical", "peace",
        "middle", "east", "envoy's", "presidential's", "coast", "guard", "police",
        # how news qualifies an office-holder: `Australia's newly elected prime minister, Anthony Albanese`
        "newly", "recently", "elected", "re-elected", "reelected", "newly-elected", "appointed", "caretaker",
        "current", "sitting", "visiting", "embattled", "veteran", "long-serving", "longtime", "powerful",
        "hardline", "hard-line", "conservative", "reformist", "moderate", "nationalist", "populist", "centrist",
        "leftist", "right-wing", "left-wing", "influential",
    ]
)
# Heads that need a qualifier to be an official (`Palestinian leader`, `army chief`), not bare.
QUALIFIED_HEADS = frozenset({"Leader", "Chief", "Head", "Representative", "Chairman", "Chairwoman", "Commander",
                             "Counterpart", "Deputy", "Speaker", "Negotiator"})
FORMER_WORDS = frozenset({"former", "ex", "ex-", "late", "retired", "onetime", "one-time"})
FEMALE_HEADS = frozenset({"Queen", "Chairwoman"})
MALE_HEADS = frozenset({"King", "Prince", "Emir", "Sultan", "Sheikh", "Ayatollah", "Crown Prince"})
PLURAL_HEADS = frozenset({"presidents", "premiers", "ministers", "secretaries", "leaders", "chiefs", "envoys",
                          "ambassadors", "counterparts"})

_SMALL_WORDS = frozenset({"of", "for", "on", "the", "and", "to"})


@dataclass(frozen=True)
class TitleInfo:
    """What a title phrase says about the person it introduces."""

    text: str
    role: str  # cleaned role text, e.g. "Foreign Minister"
    head: str  # canonical head, e.g. "Minister"; "" when none
    official: bool
    former: bool
    plural: bool
    gender: str  # "m", "f" or ""


def is_title_word(word: str) -> bool:
    """Whether a word can be part of a title phrase (head, modifier or known non-official head)."""
    lower = word.lower().rstrip(",")
    return lower in OFFICIAL_HEADS or lower in TITLE_MODIFIERS or lower in NON_OFFICIAL_HEADS or lower in FORMER_WORDS


def analyse_title(words: list[str], country_words: frozenset[str] = frozenset()) -> TitleInfo:
    """Read a title phrase (without the nationality words, which the caller removes) into a TitleInfo."""
    lowered = [w.lower() for w in words]
    former = any(w in FORMER_WORDS or w.startswith("ex-") for w in lowered)
    non_official = any(w in NON_OFFICIAL_HEADS for w in lowered)
    head = ""
    plural = False
    for word in lowered:
        if word in OFFICIAL_HEADS:
            candidate = OFFICIAL_HEADS[word]
            # `general secretary` / `secretary general`: the later head word decides, except modifiers.
            if word == "general" and head:
                continue
            head = candidate
            plural = plural or word in PLURAL_HEADS
    if ("secretary" in lowered and "general" in lowered) or "secretary-general" in lowered:
        head = "Secretary-General"
    role_words = [w for w, lw in zip(words, lowered, strict=True)
                  if lw not in FORMER_WORDS and lw not in {"the", "then", "his", "her"} and w not in country_words]
    while role_words and role_words[-1].lower() in {"of", "for", "and", "the"}:
        role_words.pop()
    while role_words and role_words[0].lower() in {"of", "for", "and", "the"}:
        role_words.pop(0)
    role = " ".join(role_words)
    if role.islower():
        role = " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in role.split())
    elif role:
        role = " ".join(w.lower() if w.lower() in _SMALL_WORDS and i else w for i, w in enumerate(role.split()))
    qualified = len(role_words) > 1 or bool(country_words)
    official = bool(head) and not non_official and (head not in QUALIFIED_HEADS or qualified)
    gender = "f" if head in FEMALE_HEADS else "m" if head in MALE_HEADS else ""
    return TitleInfo(" ".join(words), role, head, official and not former, former, plural, gender)


# Definite descriptions that refer back to a person by role: `the king`, `the Jordanian monarch`.
ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "king": ("King",), "queen": ("Queen",), "monarch": ("King", "Queen", "Emir", "Sultan", "Monarch"),
    "emir": ("Emir",), "sultan": ("Sultan",), "prince": ("Prince", "Crown Prince"),
    "crown prince": ("Crown Prince", "Prince"), "president": ("President",), "premier": ("Premier", "Prime Minister"),
    "prime minister": ("Prime Minister", "Premier"), "chancellor": ("Chancellor",),
    "secretary": ("Secretary",), "secretary of state": ("Secretary",), "secretary-general": ("Secretary-General",),
    "secretary general": ("Secretary-General",), "foreign minister": ("Minister",), "minister": ("Minister",),
    "envoy": ("Envoy",), "ambassador": ("Ambassador",), "leader": ("*",), "chief": ("Chief",),
    "general": ("General",), "vice president": ("Vice President", "President"),
}
