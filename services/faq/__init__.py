"""Free-text understanding: FAQ topics and bot intents in Albanian, English and Serbian.

>>> engine = FaqEngine.load()
>>> engine.understand("ska rrym te shpia").id
'intent:report-outage'
>>> engine.understand("kur vjen drita").id
'intent:outage'
"""

from services.faq.engine import FaqEngine
from services.faq.models import FaqAnswer, FaqButton, Understanding

__all__ = ["FaqAnswer", "FaqButton", "FaqEngine", "Understanding"]
