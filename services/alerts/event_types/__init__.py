"""The event types of the events API, one module each (``outage_started.py``...): its fields
(:class:`~services.alerts.event_types.fields.Field`, read by
:func:`services.alerts.events.parse_event` and described by the OpenAPI document that
:mod:`~services.alerts.event_types.openapi` builds from them), its ``message`` in every
language, what it ``apply``-s (the outage or work, the alerts to queue), and whom it would
``reach``; :mod:`~services.alerts.event_types.registry` lists them.

Adding a type: write its module (a ``TYPE = EventType(...)``), list it in the registry, and add
its msgids to the catalogs in ``locales/``.
"""
