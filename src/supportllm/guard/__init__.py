"""Guardrails: PII redaction, prompt-injection screening, action claims and tool-call checks."""
