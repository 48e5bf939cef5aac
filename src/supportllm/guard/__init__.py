"""Guardrails: PII redaction, prompt-injection screening, tool-call and action-claim checks."""
