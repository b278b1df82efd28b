"""Outage and planned-work notices of staff: checked inputs (``inputs``, ``changes``), the desk
that stores and publishes them through the alerts engine (``desk``), their delivery, a
published outage's life (update, power back), what is happening now (``board``), previews,
reason templates, the ``/notice`` chat drafts and the scheduler of notices due later.

Channel-free and web-free: the staff web console, the staff API and ``/notice`` in a chat all
call the desk; it answers with the frozen views of ``views``.
"""
