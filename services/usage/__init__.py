"""A code's consumption from its bill history: the last 12 months beside the year before
(:mod:`.series`), drawn as a chart (:mod:`.chart`, the only module that imports matplotlib,
lazily), and the facts that explain a bill higher than usual (:mod:`.explain`)."""
