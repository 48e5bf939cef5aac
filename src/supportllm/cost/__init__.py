"""The cost model: API bill against self-hosting, from measured capacity (pure functions)."""
