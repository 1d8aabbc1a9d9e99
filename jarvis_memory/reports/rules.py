"""``fail_on`` rules such as ``"open_sessions>=10, dedup_audit.exact_duplicate_groups>0"``, parsed without eval
and checked against a notebook's headline figures."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ValidationError
from .parameters import is_number, json_value

_OPS = {
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b, "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}

_OR_TEXT = ' (or, for == and !=, a quoted "text", true, false or null)'
_RULE = re.compile(r"\s*(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*(>=|<=|==|!=|>|<)\s*(\S.*?)\s*")



@dataclass(frozen=True)
class Rule:
    """``metric OP threshold``; ``notebook.metric`` limits the rule to one notebook."""

    metric: str
    op: str
    threshold: Any
    notebook: str | None = None

    def __str__(self) -> str:
        prefix = f"{self.notebook}." if self.notebook else ""
        return f"{prefix}{self.metric}{self.op}{json.dumps(self.threshold)}"

    def matches(self, value: Any) -> bool:
        if self.op not in ("==", "!=") and not is_number(value):
            return False  # a missing (null) figure is not above or below anything
        return _OPS[self.op](value, self.threshold)


def parse_rules(text: str) -> list[Rule]:
    """Parse ``"a>0, b>=10"`` without eval; a threshold is a finite JSON number (for == and != also a quoted
    string, true, false or null): ValidationError for NaN, infinity (``inf``, ``1e400``) or a bare word."""
    if text is None or not str(text).strip():
        return []
    if not isinstance(text, str):
        raise ValidationError(f"fail_on must be a string of rules like 'open_sessions>=10'; got {text!r}")
    rules = []
    for part in text.split(","):
        m = _RULE.fullmatch(part)
        if not m:
            raise ValidationError(f"fail_on rule {part.strip()!r} is not 'metric OP value' (OP: > >= < <= == !=)")
        notebook, metric, op, raw = m.groups()
        try:
            threshold = json_value(raw)
        except ValueError:  # NaN, inf, 1e400, bare words: a rule that could never (or would always) match
            raise ValidationError(f"fail_on rule {part.strip()!r}: the threshold must be a finite number"
                                  f"{_OR_TEXT if op in ('==', '!=') else ''}; got {raw!r}") from None
        if is_number(threshold) or (op in ("==", "!=") and isinstance(threshold, str | bool | type(None))):
            rules.append(Rule(metric, op, threshold, notebook))
        else:
            raise ValidationError(f"fail_on rule {part.strip()!r}: {op} needs a finite number, not {raw!r}")
    return rules


def check_metrics(rules: Iterable[Rule], known: Collection[str], notebook: str) -> None:
    """Raise ValidationError for the first rule (of ``notebook``'s) naming a metric not in ``known``."""
    for rule in rules:
        if rule.notebook in (None, notebook) and rule.metric not in known:
            raise ValidationError(
                f"{notebook}: fail_on rule {rule} names unknown metric {rule.metric!r}; "
                f"known: {', '.join(sorted(known))}"
            )


def check_rules(rules: Iterable[Rule], figures: Mapping[str, Any], notebook: str) -> list[str]:
    """Messages for the rules that match ``figures``; an unknown metric is a ValidationError."""
    rules = list(rules)
    check_metrics(rules, figures, notebook)
    matched = []
    for rule in rules:
        if rule.notebook not in (None, notebook):
            continue
        value = figures[rule.metric]
        if rule.matches(value):
            matched.append(f"{notebook}: fail_on rule {rule} matched ({rule.metric} = {json.dumps(value)})")
    return matched
