"""Task tracking for secretariats: states, the append-only edit log, overlays onto indexed tasks."""

from __future__ import annotations

from typing import Any


def apply_state(task_doc: dict[str, Any], state: Any | None) -> dict[str, Any]:
    """Overlay a task's tracked state (status, corrected owners, deadline...) onto its index
    document. Placeholder: the tracking implementation replaces it."""
    return task_doc
