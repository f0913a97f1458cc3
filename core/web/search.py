"""Global search: asks every provider of the enabled plugins and groups what they find.

Providers (``kontora_search_providers``) filter by the principal's record rules themselves;
the kernel only collects, so search can never show more than the lists would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.kernel import kontora

MAX_QUERY = 200


@dataclass
class ResultGroup:
    """Results of one record kind."""

    kind: str
    label: str
    results: list[dict[str, Any]] = field(default_factory=list)


def run_search(principal: Any, text: str, limit: int) -> list[ResultGroup]:
    """Up to ``limit`` results per provider for ``text``, grouped by kind in provider order."""
    text = (text or "").strip()[:MAX_QUERY]
    if principal is None or not text:
        return []
    k = kontora()
    groups: dict[str, ResultGroup] = {}
    for provider in k.collect("kontora_search_providers"):
        for result in provider(principal, text, limit)[:limit]:
            kind = str(result.get("kind", ""))
            if kind not in groups:
                declared = k.kinds.get(kind)
                label = str(declared.label_plural) if declared else kind
                groups[kind] = ResultGroup(kind=kind, label=label)
            groups[kind].results.append(result)
    return list(groups.values())
