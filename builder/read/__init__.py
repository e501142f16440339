"""Reading a seed: bytes -> text -> clean text, with its sidecar, -> a Story."""
