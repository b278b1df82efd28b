"""The services a test conversation runs on, assembled as ``bot.app`` does."""

from __future__ import annotations

from handlers.turn import Deps, FreeTextUnderstanding
from services.backend import AccountBackend
from services.linking import LinkingService
from services.payments import PaymentLinks

PAYMENT_TEMPLATE = "https://pay.example.test/kesco?code={code}&amount={amount}"


def deps_for(
    backend: AccountBackend,
    *,
    default_language: str = "sq",
    faq: FreeTextUnderstanding | None = None,
) -> Deps:
    """Deps over ``backend`` with the test payment page."""
    return Deps(
        backend=backend,
        linking=LinkingService(backend, default_language=default_language),
        payments=PaymentLinks(PAYMENT_TEMPLATE),
        default_language=default_language,
        faq=faq,
    )
