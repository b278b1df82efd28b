"""The embedded demo account backend: synthetic customers in the bot's own database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from services.backend.base import BackendUnavailable, Bill, Customer
from services.db import Database, DatabaseUnavailable
from services.db.models import DemoBill, DemoCustomer


class DemoBackend:
    """Answers from the ``demo_*`` tables, which :mod:`services.demo_seed` fills."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def get_customer(self, code: str) -> Customer | None:
        try:
            async with self._database.read() as session:
                row = await session.get(DemoCustomer, code)
        except DatabaseUnavailable as error:
            raise BackendUnavailable(str(error)) from error
        if row is None:
            return None
        return Customer(row.code, row.district, row.area_id, row.full_name, row.address)

    async def latest_bill(self, code: str) -> Bill | None:
        query = (
            select(DemoBill)
            .where(DemoBill.customer_code == code)
            .order_by(DemoBill.period.desc())
            .limit(1)
        )
        try:
            async with self._database.read() as session:
                row = (await session.execute(query)).scalar_one_or_none()
        except DatabaseUnavailable as error:
            raise BackendUnavailable(str(error)) from error
        if row is None:
            return None
        return Bill(
            customer_code=row.customer_code,
            period=row.period,
            amount=Decimal(row.amount).quantize(Decimal("0.01")),
            currency=row.currency,
            due_date=row.due_date,
            paid=row.paid_on is not None,
        )

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        bill = await self.latest_bill(code)
        return bill is not None and bill.amount == amount

    async def ping(self) -> bool:
        return await self._database.ping()
