"""The staff JSON API (``/api/v1``): one module per part, behind one guard (``guard``); the
answers are written as JSON by :mod:`bot.staff_web.bodies` (times as ISO 8601 there only)."""
