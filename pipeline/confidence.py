"""How much to trust a timeline row, from what the text actually gave us.

Each piece of evidence adds a fixed amount so an analyst can read the number back:

    0.35  base: a contact word with two officials of different countries around it
  + 0.20  x the share of participants named with a title or known to the knowledge base
  + 0.15  the date comes from words in the sentence (not the publication-date fallback)
  + 0.10  the place is written in the text (0.05 when it only comes from the dateline)
  + 0.10  a strong contact word (met, talks, phone, summit) rather than a weak one (signed, ceremony, dinner)
  - 0.10  a participant was found through a pronoun or a role word (`he`, `the minister`)

clipped to 0.05-0.99. README shows, on the dev set, that high-confidence rows are right more often.
"""

from __future__ import annotations

import re

_STRONG = re.compile(r"\b(?:met|meet|meets|meeting|talks|phone|phoned|telephoned|telephone|call|summit|"
                     r"discussions|conferred|hosted|received)\b", re.IGNORECASE)


def score_confidence(*, titled: list[bool], explicit_date: bool, explicit_place: bool, dateline_place: bool,
                     trigger: str, via_reference: bool) -> float:
    """Confidence in 0-1 from the evidence behind a row (see module docstring for the weights)."""
    score = 0.35
    if titled:
        score += 0.20 * sum(titled) / len(titled)
    if explicit_date:
        score += 0.15
    if explicit_place:
        score += 0.10
    elif dateline_place:
        score += 0.05
    if _STRONG.search(trigger):
        score += 0.10
    if via_reference:
        score -= 0.10
    return round(min(0.99, max(0.05, score)), 2)
