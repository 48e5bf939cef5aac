"""Demo material written for this project: a fictional SaaS help centre (Acme Cloud, online
invoicing) in English, German and Dutch, labelled queries, and support tickets (with the reply an
agent would send) in the same languages.

None of it comes from the shared public datasets; it exists so that `make run` answers from a
knowledge base out of the box and so that retrieval on German and Dutch can be measured.
"""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).parent
DEMO_SOURCE = "demo"


def demo_kb_path() -> Path:
    return DEMO_DIR / "kb"


def demo_queries_path() -> Path:
    """126 queries (42 each in en, de, nl), each labelled with its article in the same language."""
    return DEMO_DIR / "kb-queries.jsonl"


def demo_tickets_path() -> Path:
    """30 tickets (10 each in en, de, nl; chat and email) with reference replies."""
    return DEMO_DIR / "tickets.jsonl"
