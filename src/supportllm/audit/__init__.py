"""The audit trail: one hash-chained record per request and per admin action, signed
checkpoints, SIEM export, retention (docs/compliance.md)."""
