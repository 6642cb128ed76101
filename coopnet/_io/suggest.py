""" "Did you mean" among many choices: an index of character pairs, built once.

Comparing a mistyped id with each of 50,000 ids (``difflib``) takes a quarter of a
second per typo. The index instead lists, for every pair of adjacent characters
(a bigram; the start and the end of an id count as characters), the choices that
hold it. A typo shares most of its bigrams with the id it came from, so the few
choices sharing the most (by the Dice coefficient, which also favours a similar
length) are the candidates, and :func:`coopnet.taxonomy.suggest` picks among them
as it would among all choices. Building the index for 50,000 ids takes a fraction
of a second; each suggestion then costs about a millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .. import taxonomy

#: Choices handed to :func:`coopnet.taxonomy.suggest` for the final pick.
CANDIDATES = 30
#: Below this many choices the index is not worth building: compare with each.
SMALL = 200


def _bigrams(text: str) -> set[str]:
    text = f"\x02{text.casefold()}\x03"
    return {text[i : i + 2] for i in range(len(text) - 1)}


class SuggestIndex:
    """The closest of ``choices`` to a value, as :func:`coopnet.taxonomy.suggest`.

    Examples
    --------
    >>> index = SuggestIndex([f"ja-{i:05d}" for i in range(1000)] + ["city"])
    >>> index.suggest("ja-0O123"), index.suggest("cty"), index.suggest("")
    ('ja-00123', 'city', None)
    """

    def __init__(self, choices: Iterable[str]):
        self.choices = list(dict.fromkeys(str(c) for c in choices))
        self._cache: dict[str, str | None] = {}
        self._postings: dict[str, list[int] | np.ndarray] | None = None
        self._sizes: np.ndarray | None = None

    def _build(self) -> None:
        postings: dict[str, list[int]] = {}
        sizes = np.empty(len(self.choices), dtype=np.float64)
        for i, choice in enumerate(self.choices):
            grams = _bigrams(taxonomy.normalize_text(choice))
            sizes[i] = len(grams)
            for gram in grams:
                postings.setdefault(gram, []).append(i)
        self._postings, self._sizes = postings, sizes

    def _candidates(self, text: str) -> list[str]:
        if self._postings is None:
            self._build()
        postings, sizes = self._postings, self._sizes
        grams = _bigrams(text)
        lists = []
        for gram in grams:
            ids = postings.get(gram)
            if ids is None:
                continue
            if isinstance(ids, list):
                ids = postings[gram] = np.asarray(ids, dtype=np.int64)
            lists.append(ids)
        if not lists:
            return []
        shared = np.bincount(np.concatenate(lists), minlength=len(self.choices))
        dice = 2 * shared / (len(grams) + sizes)
        k = min(CANDIDATES, int((shared > 0).sum()))
        best = np.argpartition(-dice, k - 1)[:k]
        best = best[np.lexsort((best, -dice[best]))]  # best first; ties by position
        return [self.choices[i] for i in best]

    def suggest(self, value: object) -> str | None:
        """The closest choice to ``value``, or None when nothing is close."""
        text = taxonomy.normalize_text(value)
        if text in self._cache:
            return self._cache[text]
        if not text:
            hint = None
        elif len(self.choices) <= SMALL:
            hint = taxonomy.suggest(text, self.choices)
        else:
            hint = taxonomy.suggest(text, self._candidates(text))
        self._cache[text] = hint
        return hint
