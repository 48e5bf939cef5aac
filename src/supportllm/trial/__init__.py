"""The trial: the one-day experiment, from candidates to a verdict."""
