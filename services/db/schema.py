"""Every table of the bot's database: importing this registers them all on
:data:`metadata` (what the migrations and their drift test compare)."""

from __future__ import annotations

from services.db import (  # noqa: F401 - each module registers its tables
    alert_models,
    bill_models,
    household_models,
    knowledge_models,
    link_models,
    models,
    place_models,
    report_models,
    rotation_models,
    staff_models,
    support_models,
)
from services.db.base import Base

metadata = Base.metadata
