"""The embedded demo account backend: synthetic customers in the bot's own database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import MappingProxyType

from sqlalchemy import select, update

from services.backend.base import (
    COMPARISON_LENGTH,
    HISTORY_LENGTH,
    READINGS,
    UNKNOWN,
    BackendUnavailable,
    Bill,
    BillRecord,
    Customer,
)
from services.backend.bill_pdf import bill_pdf
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
        return Customer(
            row.code,
            row.district,
            row.area_id,
            row.full_name,
            row.address,
            place_id=row.place_id,
            street=row.street,
            feeder=row.feeder,
            station=row.station,
        )

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

    async def bill_history(self, code: str, months: int = HISTORY_LENGTH) -> list[BillRecord]:
        query = (
            select(DemoBill)
            .where(DemoBill.customer_code == code)
            .order_by(DemoBill.period.desc())
            .limit(max(1, min(months, COMPARISON_LENGTH)))
        )
        try:
            async with self._database.read() as session:
                rows = list(await session.scalars(query))
        except DatabaseUnavailable as error:
            raise BackendUnavailable(str(error)) from error
        return [_record(row) for row in rows]

    async def bill_document(self, code: str, period: str) -> bytes | None:
        record = next((r for r in await self.bill_history(code) if r.period == period), None)
        return bill_pdf(record) if record is not None else None

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        bill = await self.latest_bill(code)
        return bill is not None and bill.amount == amount

    async def record_bill(
        self,
        code: str,
        *,
        period: str,
        amount: Decimal,
        currency: str,
        due_date: date,
        issued_on: date,
    ) -> bool:
        """Keep a bill the demo announced (a ``bill.issued`` event), so that *My bill*, *Pay*
        and the proof read the same amount as the alert. A bill for a period already kept
        replaces it; a code the demo does not know is left alone (``False``)."""
        async with self._database.transaction() as session:
            if await session.get(DemoCustomer, code) is None:
                return False
            query = select(DemoBill).where(
                DemoBill.customer_code == code, DemoBill.period == period
            )
            bill = (await session.execute(query)).scalar_one_or_none()
            if bill is None:
                bill = DemoBill(customer_code=code, period=period)
                session.add(bill)
            bill.amount, bill.currency = amount, currency
            bill.issued_on, bill.due_date, bill.paid_on = issued_on, due_date, None
        return True

    async def record_payment(self, code: str, amount: Decimal, paid_on: date) -> bool:
        """A payment the demo announced (``payment.received``): the latest bill is paid when
        the payment covers it (a part payment leaves it open). ``True`` if a bill became paid."""
        latest = await self.latest_bill(code)
        if latest is None or latest.paid or amount < latest.amount:
            return False
        async with self._database.transaction() as session:
            await session.execute(
                update(DemoBill)
                .where(DemoBill.customer_code == code, DemoBill.period == latest.period)
                .values(paid_on=paid_on)
            )
        return True

    async def ping(self) -> bool:
        return await self._database.ping()


def _record(row: DemoBill) -> BillRecord:
    consumption = {name: Decimal(kwh) for name, kwh in (row.consumption_kwh or {}).items()}
    return BillRecord(
        customer_code=row.customer_code,
        period=row.period,
        amount=Decimal(row.amount).quantize(Decimal("0.01")),
        currency=row.currency,
        due_date=row.due_date,
        paid_on=row.paid_on,
        consumption=MappingProxyType(consumption),
        reading=row.reading if row.reading in READINGS else UNKNOWN,
        period_start=row.period_start,
        period_end=row.period_end,
        document=True,
    )
