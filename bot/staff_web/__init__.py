"""The staff web console on the bot's web server: the ``/staff`` pages (``pages/``), the staff
JSON API under ``/api/v1`` (``api/``) and its OpenAPI document (``openapi/``), over what they
share (``context``: the desk, the database, sign-in; the delivery estimate of a preview).
``routes`` assembles it for ``kesco-bot run``."""
