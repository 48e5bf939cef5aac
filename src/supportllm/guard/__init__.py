"""Guardrails around the model: PII redaction, prompt-injection screening, output checks."""
