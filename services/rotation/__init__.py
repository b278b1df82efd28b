"""Rotating cuts: when supply is short, the power is cut by turns, group by group, on a
timetable (:mod:`services.rotation.timetable`) published through the events API
(``rotation.published``, ``rotation.ended``) or by staff."""
