"""Quality evaluation: ticket replay, grading, the LLM judge and agreement."""
