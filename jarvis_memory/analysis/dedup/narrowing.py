"""What narrows a statement, so that a longer memory says less of it, not more: an exception ("any vegetable except
kale"), a likeness ("Feels like a failure"), a privative adjective ("former employer"), a condition ("Works from home
if it rains"), a part of a whole ("Most of her friends"), a downtoner ("mostly vegetarian"), a narrower thing denied
("Never drinks" / "Never drinks when driving") and a note's state ("Cancelled: ...").  Each is a closed class of
words with its grammar's source; :func:`takes_out` is one of :func:`.subsumption.says_more`'s checks."""

from __future__ import annotations

import itertools

from typing import TYPE_CHECKING

from .restated import past_tense
from .text import NEGATION_SCOPE

if TYPE_CHECKING:
    from .text import _Text

_EXCEPT = frozenset(("except", "excluding", "apart"))  # a phrase of exception (Quirk et al. 1985, 9.58)
_INSTEAD = frozenset(("instead", "rather", "unlike"))  # what follows is not done: "Drinks tea instead of coffee"
# Privative adjectives: a former employer is no employer (Kamp & Partee 1995, "Prototype theory and
# compositionality", Cognition 57: "former", "fake", "alleged" are neither intersective nor subsective); a closed class
_PRIVATIVE = frozenset("former previous prior ex erstwhile onetime future prospective potential fake alleged"
                       " supposed retired aspiring wannabe faux imaginary dummy mock deputy assistant vice apprentice"
                       " trainee least less".split())  # and the ranks below ("deputy head", "assistant manager"), the
# degree of inferiority ("least favourite", "less demanding": Quirk et al. 1985, 7.80); not "next", "late", "past":
# mostly of time ("next August", "late")
# Downtoners: "mostly vegetarian" is not quite vegetarian (Quirk et al. 1985, 8.104-8.112: approximators and
# compromisers, "almost", "nearly", "partly", "mostly", "more or less"), and the exclusive "only" (8.116); closed
_DOWNTONERS = frozenset("only mostly most partly almost nearly partially largely mainly somewhat semi quasi".split())
_DETERMINED = frozenset((w,) for w in "the a an my his her their our your this that these those".split())
_CONDITIONALS = frozenset(("if", "unless", "provided", "providing"))  # open a clause the statement holds only under
_HABITUAL_CONDITIONS = frozenset(("when", "whenever"))  # on a present habit, right after it ("Walks when it is dry")
_PARTITIVES = frozenset("most some many few half part several quarter third thirds quarters share percent".split())
# before "of": "Most of her friends", "a quarter of the bill", "her share of the rent", a number ("50% of the
# house"); "half" also as a predeterminer: "half the deposit" (Quirk et al. 1985, 5.15)
# Negations that deny (not the verbs of ending, "stopped": "Stopped running in May" still says "Stopped running")
_PLAIN_NEGATIONS = frozenset("not no never nobody nothing none neither nor cannot".split())
_LISTING = frozenset(("or", "nor", "and"))


def _likened(t: _Text, i: int, extra: set[int]) -> bool:
    """Whether extra word ``i`` is "like" after an extra verb: a likeness, not the shorter's identity ("Is a failure"
    / "Feels like a failure", "Looks like her mother")."""
    return t.words[i] == "like" and i - 1 in extra and t.roles[i - 1].startswith("verb")


def _narrows_a_denial(shorter: _Text, longer: _Text, i: int, extra: set[int]) -> bool:
    """Whether extra word ``i``, within a negation both texts make, narrows what is denied: a modifier of a shared
    word ("Eats no meat" / "Eats no red meat"), a phrase of time or place or a clause of condition ("Doesn't drive" /
    "... at night", "Never drinks" / "Never drinks when she is driving"), so the longer denies less; not a thing
    listed ("Doesn't eat pork" / "... pork or beef": its run of extra words follows "or", "nor" or "and")."""
    if longer.keys[i] not in longer.negated or longer.words[i] in _LISTING \
            or _PLAIN_NEGATIONS.isdisjoint(shorter.words):
        return False
    negation = max((j for j in range(i) if longer.words[j] in _PLAIN_NEGATIONS), default=None)
    if negation is None or i - negation > NEGATION_SCOPE + 1 or any(longer.breaks[negation + 1:i + 1]):
        return False  # this word is out of the negation's reach (the key may be negated elsewhere in the text)
    start = i
    while start and longer.words[start - 1] not in _LISTING and (
            start - 1 in extra or start - 1 not in longer.content and not longer.breaks[start]):
        start -= 1  # back to the run's first word (its relation word and article)
    return not (start and longer.words[start - 1] in _LISTING)


def takes_out(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether an extra word takes something out of the shorter's statement, or says it only is like it: a phrase of
    exception ("any vegetable except kale": no longer "any vegetable"), a likeness (:func:`_likened`), a privative
    adjective (:data:`_PRIVATIVE`: "Employer: Deloitte" / "Previous employer: Deloitte"), a condition on the
    shorter's statement ("Works from home if it rains": no longer every day; Quirk et al. 1985, 15.33; not on an
    added verb's: "... and hopes to ski if there is snow"), a word a negation reaches ("Never drinks" / "Never drinks
    when driving", "Eats no meat" / "Eats no red meat": a narrower thing denied denies less), a downtoner
    before a shared word (:data:`_DOWNTONERS`: "Is vegetarian" / "Is mostly vegetarian"; not "Collects records" /
    "... records, mostly funk")."""
    if "or" in longer.words and "or" not in shorter.words and not longer.negations and any(  # "Galway or Sligo" is
            # no "Sligo"; under a negation "or" joins what is denied ("Doesn't eat pork or beef")
            j not in extra and abs(j - longer.words.index("or")) <= 2 for j in longer.content):
        return True

    def reaches_shared(i: int) -> bool:  # a privative adjective: the nouns right after it ("previous line manager"),
        nouns = itertools.takewhile(lambda j: j in longer.content and not longer.breaks[j], range(i + 1, len(longer.words)))
        return any(j not in extra for j in nouns) \
            or i > 0 and i - 1 not in extra and longer.written[i - 1].endswith(("'s", "\u2019s"))  # "her manager's
        # previous assistant": another one's; an exception: its clause ("every day of the week")

    def clause_shared(i: int) -> bool:  # an exception opening its phrase ("..., except kale") reaches the one before
        start = max((j for j in range(i) if longer.breaks[j]), default=0)
        return any(j not in extra for j in longer.content if start <= j < i)

    # so "her previous marriage" or "..., which covers prescriptions apart from the levy" take nothing out of "Has
    # one son" or "Has a medical card"
    return any(longer.words[i] in _EXCEPT and clause_shared(i)
               or longer.words[i] == "but" and "not" in longer.words[i + 1:i + 3]  # "..., but not since June"
               or longer.words[i] in _INSTEAD and any(j not in extra for j in longer.content if i < j <= i + 3
                                                      and not any(longer.breaks[i + 1:j + 1]))
               or longer.words[i - 2:i] == ("other", "than") and clause_shared(i - 2)  # "anything other than X"
               or longer.words[i] in _PRIVATIVE and reaches_shared(i)
               or _likened(longer, i, extra)
               or (longer.words[i] in _CONDITIONALS or longer.words[i] == "long" and longer.words[i - 1:i + 2] == (
                   "as", "long", "as")) and not any(longer.roles[j].startswith("verb") for j in extra if j < i)
               or longer.words[i] in _HABITUAL_CONDITIONS and not past_tense(longer) and not any(j < i for j in extra)
               or (longer.words[i] in _PARTITIVES or longer.words[i][:1].isdigit()) and (
                   longer.words[i + 1:i + 2] == ("of",) or longer.words[i] == "half"
                                                       and longer.words[i + 1:i + 2] in _DETERMINED)
               and next((j for j in longer.content if j > i + 1), None) not in extra
               or _narrows_a_denial(shorter, longer, i, extra)
               or i and longer.words[i - 1] == "is" and longer.written[i - 1] == ":"  # a note's state (labels.py)
               or longer.words[i] in _DOWNTONERS and next((j for j in longer.content if j > i), -1) not in extra | {-1}
               or longer.words[i] == "free" and i - 1 in longer.hyphened and reaches_shared(i)  # "gluten-free bread"
               for i in extra)
