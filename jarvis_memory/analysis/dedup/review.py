"""Review items: the groups of memories a person decides on, and the words in which their memories differ.

An item is either a review group of variants (``group N``, as :func:`.checks.review_queue` ranks them: one
statement with another value, the newest probably superseding the rest, so ``supersede`` is suggested; ``keep
both`` where the roles are exchanged or the subject is another, :data:`APART`) or
a set of duplicates (``duplicates N``: the duplicate pairs of the candidates, connected; ``merge`` is
suggested, keeping the older unless the reviewer picks the better written one).  An item whose every pair
a reviewer kept both, while both rows keep the content hashes they had then, is *settled*: the audit does
not ask about it again.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pandas as pd

from .audit import _components
from .tuning import DUPLICATE_KINDS, KINDS

COLUMNS = ["item", "kind", "change", "group", "size", "ids", "pairs", "suggested", "settled"]
# Changes after which both memories may well be true, neither a newer version of the other: the roles exchanged
# ("Sold Tom a bike" / "Tom sold her a bike") or another subject ("Tom swims" / "Ana swims"): keep both is suggested
APART = frozenset(("order", "subject"))
_TOKEN = re.compile(r"\S+|\s+")


def review_items(memories: pd.DataFrame, candidates: pd.DataFrame, queue: pd.DataFrame,
                 kept_both: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per item: variant groups first, in the queue's order, then sets of duplicates, largest first.

    ``memories`` is the audited frame (``id, content_hash, created_at`` used), ``candidates`` the audit's
    :func:`~.checks.candidates`, ``queue`` its :func:`~.checks.review_queue`, ``kept_both`` the pairs kept
    both (``id_a, id_b, hash_a, hash_b``; :func:`jarvis_memory.store.merges.kept_both`).  Columns: ``item``
    (``group 3``, ``duplicates 1``), ``kind`` (``variant``, or the strongest duplicate kind of the set),
    ``change`` (a variant group's, else None), ``group`` (the queue's rank, else None), ``size``, ``ids``
    (newest first), ``pairs`` (the candidate pairs ``(id_a, id_b)`` a decision on the item applies to),
    ``suggested`` (``supersede``, ``keep both`` or ``merge``) and ``settled`` (bool).
    """
    rows = memories.set_index("id")
    created = rows["created_at"]

    def newest_first(ids: list[int]) -> list[int]:
        return sorted(ids, key=lambda i: (pd.isna(created[i]), -created[i].value if not pd.isna(created[i]) else 0, -i))

    variant_pairs = candidates[candidates["kind"] == "variant"]
    by_group = {g: list(zip(p["id_a"].tolist(), p["id_b"].tolist())) for g, p in variant_pairs.groupby("group")}
    found = [(f"group {g}", "variant", change, g, len(ids), list(ids), by_group.get(g, []),
              "keep both" if change in APART else "supersede")
             for g, change, ids in zip(queue["group"].tolist(), queue["change"].tolist(), queue["ids"].tolist())]
    duplicates = candidates[candidates["kind"].isin(DUPLICATE_KINDS)]
    sets = sorted(_components(duplicates), key=lambda ids: (-len(ids), ids[0]))
    member_of = {i: k for k, ids in enumerate(sets) for i in ids}
    pairs: list[list[tuple[int, int]]] = [[] for _ in sets]
    kinds: list[set[str]] = [set() for _ in sets]
    for a, b, kind in zip(duplicates["id_a"].tolist(), duplicates["id_b"].tolist(), duplicates["kind"].tolist()):
        pairs[member_of[a]].append((a, b))
        kinds[member_of[a]].add(kind)
    found += [(f"duplicates {k}", min(kinds[k - 1], key=KINDS.index), None, None, len(ids), newest_first(ids),
               pairs[k - 1], "merge") for k, ids in enumerate(sets, start=1)]
    table = pd.DataFrame(found, columns=COLUMNS[:-1])
    table["group"] = table["group"].astype("Int64")
    hashes = {i: (None if pd.isna(h) else h) for i, h in rows["content_hash"].items()}
    settled = set()
    if kept_both is not None:
        settled = {(a, b, None if pd.isna(ha) else ha, None if pd.isna(hb) else hb) for a, b, ha, hb in zip(
            kept_both["id_a"].tolist(), kept_both["id_b"].tolist(), kept_both["hash_a"].tolist(), kept_both["hash_b"].tolist())}
    table["settled"] = pd.Series([bool(p) and all((min(a, b), max(a, b), hashes.get(min(a, b)), hashes.get(max(a, b)))
                                                  in settled for a, b in p) for p in table["pairs"]], dtype=bool)
    return table


def differences(texts: list[str]) -> list[list[tuple[str, bool]]]:
    """Each text as ``(piece, differs)`` pieces that join back to the text exactly: words (runs of non-space)
    and the space between them.  A word of a later text differs if the word-by-word alignment with the first
    text (:class:`difflib.SequenceMatcher`) does not match it; a word of the first, if it is unmatched in
    any alignment.  Words are compared as written (case and punctuation count: the reviewer picks the better
    written one).  One text alone has no differences."""
    tokens = [_TOKEN.findall(t) for t in texts]
    words = [[t for t in ts if not t.isspace()] for ts in tokens]
    changed: list[set[int]] = [set() for _ in texts]
    for i in range(1, len(texts)):
        matcher = SequenceMatcher(None, words[0], words[i], autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag != "equal":
                changed[0].update(range(a0, a1))
                changed[i].update(range(b0, b1))
    marked = []
    for pieces, differ in zip(tokens, changed):
        k, row = 0, []
        for piece in pieces:
            if piece.isspace():
                row.append((piece, False))
            else:
                row.append((piece, k in differ))
                k += 1
        marked.append(row)
    return marked
