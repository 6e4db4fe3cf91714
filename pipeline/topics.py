"""Topics of a contact, from the fixed list in the schema, with the words that triggered them.

The sentence that states the contact says most (`talks on military cooperation`); its
paragraph adds context (`climate change talks`). Each topic has a list of cue words and
phrases; sentence hits weigh more than paragraph hits, the main topic comes first, and
`diplomacy` is what remains when nothing more specific is said. The cue words are kept so an
analyst sees why a row says `energy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipeline.phrases import PhraseMatcher
from pipeline.schema import TOPICS

TOPIC_CUES: dict[str, tuple[str, ...]] = {
    "climate": (
        "climate",
        "global warming",
        "emissions",
        "carbon",
        "greenhouse",
        "acid rain",
        "paris agreement",
        "cop26",
        "cop27",
        "cop28",
        "cop29",
        "cop21",
        "net zero",
        "net-zero",
        "environment",
        "environmental",
        "pollution",
        "deforestation",
        "kyoto",
    ),
    "nuclear_arms": (
        "nuclear weapon",
        "nuclear arms",
        "nuclear-armed",
        "warhead",
        "arms control",
        "disarmament",
        "non-proliferation",
        "nonproliferation",
        "proliferation",
        "uranium",
        "enrichment",
        "weapons of mass destruction",
        "weapons inspectors",
        "arms inspectors",
        "inspectors",
        "unscom",
        "denuclearization",
        "denuclearisation",
        "nuclear program",
        "nuclear programme",
        "nuclear deal",
        "nuclear test",
        "ballistic missile",
        "icbm",
        "new start",
        "inf treaty",
        "chemical weapons",
        "biological weapons",
        "nuclear",
    ),
    "security": (
        "security",
        "military cooperation",
        "military",
        "defense minister",
        "defence minister",
        "defense",
        "defence",
        "terrorism",
        "terrorist",
        "counterterrorism",
        "counter-terrorism",
        "alliance",
        "nato",
        "bombing",
        "bombings",
        "bomb",
        "bombed",
        "blast",
        "intelligence",
        "extradition",
        "armed forces",
        "missile defense",
        "cyber",
        "navy",
        "army",
        "weapons",
        "arms sales",
        "joint chiefs",
        "embassy attack",
        "extremist",
        "militant",
    ),
    "conflict": (
        "war",
        "conflict",
        "invasion",
        "invaded",
        "crisis",
        "cease-fire",
        "ceasefire",
        "truce",
        "fighting",
        "peace process",
        "peace talks",
        "peace plan",
        "peace deal",
        "hostage",
        "occupation",
        "offensive",
        "attack",
        "troops",
        "shelling",
        "airstrike",
        "air strike",
        "clashes",
        "withdraw",
        "withdrawal",
        "standoff",
        "confrontation",
        "insurgency",
        "insurgent",
        "rebels",
        "violence",
        "gulf crisis",
        "israeli-palestinian",
        "gaza",
        "intifada",
        "peace",
        "settlement",
        "hostilities",
        "armistice",
    ),
    "economy": (
        "trade",
        "treasury",
        "economic",
        "economy",
        "investment",
        "investor",
        "tariff",
        "sanctions",
        "embargo",
        "debt",
        "loan",
        "market",
        "business",
        "export",
        "import",
        "finance",
        "financial",
        "currency",
        "growth",
        "imf",
        "world bank",
        "normalisation",
        "normalization",
        "budget",
        "bank",
        "commerce",
        "industry",
        "supply chain",
        "semiconductor",
        "free trade",
        "customs",
        "wto",
    ),
    "energy": (
        "oil",
        "gas",
        "pipeline",
        "energy",
        "electricity",
        "nuclear power",
        "opec",
        "gazprom",
        "lng",
        "petroleum",
        "continental shelf",
        "crude",
        "power plant",
        "renewable",
        "solar",
        "coal",
        "fuel",
    ),
    "aid": (
        "aid",
        "humanitarian",
        "assistance",
        "relief",
        "donor",
        "donation",
        "grant",
        "food supplies",
        "reconstruction",
        "famine",
        "disaster",
    ),
    "health": (
        "health",
        "pandemic",
        "covid",
        "coronavirus",
        "vaccine",
        "vaccination",
        "virus",
        "ebola",
        "aids",
        "hiv",
        "disease",
        "epidemic",
        "who",
        "medical",
        "hospital",
    ),
    "human_rights": (
        "human rights",
        "rights",
        "democracy",
        "freedom",
        "political prisoners",
        "dissident",
        "apartheid",
        "torture",
        "religious freedom",
        "press freedom",
        "civil liberties",
        "detained",
        "repression",
        "genocide",
    ),
    "migration": (
        "migration",
        "migrant",
        "refugee",
        "asylum",
        "deportation",
        "immigration",
        "immigrant",
        "border crossing",
        "displaced",
    ),
    "territory": (
        "border",
        "territorial",
        "territory",
        "sovereignty",
        "demarcation",
        "annexation",
        "annex",
        "islands",
        "disputed",
        "aegean",
        "kashmir",
        "crimea",
        "south china sea",
        "maritime",
        "frontier",
    ),
    "diplomacy": (
        "relations",
        "bilateral",
        "ties",
        "diplomatic",
        "diplomacy",
        "cooperation",
        "co-operation",
        "accession",
        "embassy",
        "friendship",
        "partnership",
        "treaty",
        "summit",
        "visit",
        "alliance",
        "membership",
        "enlargement",
        "expansion",
        "join the alliance",
        "joining the alliance",
        "accession documents",
        "normalization of relations",
        "normalisation of relations",
    ),
}
# Cues that are only weak signals: count half.
_WEAK = frozenset(
    {
        "nuclear",
        "peace",
        "settlement",
        "rights",
        "freedom",
        "visit",
        "ties",
        "treaty",
        "summit",
        "nato",
        "alliance",
        "market",
        "bank",
        "industry",
        "fuel",
        "disaster",
        "who",
        "medical",
        "attack",
        "withdraw",
        "army",
        "navy",
        "cooperation",
        "weapons",
        "inspectors",
        "detained",
    }
)
SENTENCE_WEIGHT = 3.0
TITLE_WEIGHT = 2.0
ROLE_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 1.0
ARTICLE_WEIGHT = 0.25
ARTICLE_CAP = 1.5
SECONDARY_SHARE = 0.34
MAX_TOPICS = 3

_CUE_TOPICS: dict[str, tuple[str, ...]] = {}
for _topic, _cues in TOPIC_CUES.items():
    for _cue in _cues:
        _CUE_TOPICS[_cue] = (*_CUE_TOPICS.get(_cue, ()), _topic)
# One matcher for every cue: an article is scanned once, not once per topic.
_CUES = PhraseMatcher(_CUE_TOPICS, ignore_case=True, suffixes=("s", "es", "ed", "ing", "d"))


@lru_cache(maxsize=256)
def _cue_hits(text: str) -> tuple[tuple[str, str], ...]:
    """(topic, cue) for every cue word in a text; cached because an article's body serves all its contacts."""
    hits = []
    for hit in _CUES.finditer(text):
        written = text[hit.start: hit.start + len(hit.phrase)]
        for topic in _CUE_TOPICS.get(hit.phrase, ()):
            if topic == "health" and hit.phrase == "who" and written != "WHO":
                continue
            hits.append((topic, hit.phrase))
    return tuple(hits)


@dataclass(frozen=True)
class TopicResult:
    topics: tuple[str, ...]
    terms: tuple[str, ...]


def classify_topics(
    sentence: str, paragraph: str = "", title: str = "", article: str = "", roles: tuple[str, ...] = ()
) -> TopicResult:
    """Topics of a contact, main topic first.

    Evidence, by weight: the contact's sentence, the headline, the participants' roles (a treasury
    secretary talks money), the paragraph, and the whole article as a faint background (one cue word
    there counts little, but a story about embassy bombings is about security throughout).
    """
    scores: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    sources = (
        (sentence, SENTENCE_WEIGHT, None),
        (title, TITLE_WEIGHT, None),
        (" ; ".join(roles), ROLE_WEIGHT, None),
        (paragraph, PARAGRAPH_WEIGHT, None),
        (article, ARTICLE_WEIGHT, ARTICLE_CAP),
    )
    for text, weight, cap in sources:
        if not text:
            continue
        gained: dict[str, float] = {}
        for topic, cue in _cue_hits(text):
            gained[topic] = gained.get(topic, 0.0) + weight * (0.5 if cue in _WEAK else 1.0)
            if weight >= PARAGRAPH_WEIGHT and cue not in terms.setdefault(topic, []):
                terms[topic].append(cue)
        for topic, value in gained.items():
            scores[topic] = scores.get(topic, 0.0) + (min(value, cap) if cap else value)
    scores = {t: v for t, v in scores.items() if v > 0}
    # `diplomacy` is the default, so it never outranks a specific topic with the same score.
    ranked = sorted(scores, key=lambda t: (-scores[t] + (0.01 if t == "diplomacy" else 0), TOPICS.index(t)))
    if not ranked:
        return TopicResult(("diplomacy",), ())
    best = scores[ranked[0]]
    chosen = [t for t in ranked if scores[t] >= best * SECONDARY_SHARE][:MAX_TOPICS]
    return TopicResult(tuple(chosen), tuple(term for t in chosen for term in terms.get(t, [])))
