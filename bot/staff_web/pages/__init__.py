"""The staff pages (``/staff``): one module per section, each a :class:`~.section.PageSection`,
rendered from the Jinja2 templates in ``templates/`` (autoescaped, words through ``_``)."""
