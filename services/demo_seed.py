"""The demo customers of DESIGN.md, kept current, and deterministic synthetic ones on request."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import delete, select

from services.areas import areas_of
from services.backend.demo_history import history
from services.customer_codes import DISTRICTS
from services.db import Database
from services.db.models import DemoBill, DemoCustomer


@dataclass(frozen=True)
class DemoCustomerSpec:
    """A documented demo customer: its code, area and bill (DESIGN.md), and where it is."""

    code: str
    area_id: str
    full_name: str
    address: str
    amount: str
    state: str  # "unpaid", "paid" or "overdue"
    place_id: str
    street: str
    feeder: str
    station: str

    def place(self) -> dict[str, str]:
        return {
            "place_id": self.place_id,
            "street": self.street,
            "feeder": self.feeder,
            "station": self.station,
        }


FIXED_CUSTOMERS = (
    DemoCustomerSpec(
        "DPR100001",
        "dardania",
        "Arben Krasniqi",
        "Rr. Agim Ramadani 12",
        "42.50",
        "unpaid",
        place_id="dardania",
        street="Rr. Agim Ramadani",
        feeder="DPR-F-1204",
        station="TS-DPR-0412",
    ),
    DemoCustomerSpec(
        "DGJ200002",
        "qendra",
        "Drita Gashi",
        "Rr. Nëna Terezë 4",
        "18.20",
        "paid",
        place_id="qendra",
        street="Rr. Nëna Terezë",
        feeder="DGJ-F-0307",
        station="TS-DGJ-0115",
    ),
    DemoCustomerSpec(
        "DFE400004",
        "shterpce",
        "Milica Jovanović",
        "Ul. Cara Lazara 7",
        "35.10",
        "overdue",
        place_id="shterpce",
        street="Ul. Cara Lazara",
        feeder="DFE-F-0902",
        station="TS-DFE-0221",
    ),
)
FIRST_NAMES = (
    "Arben",
    "Besa",
    "Driton",
    "Fjolla",
    "Ilir",
    "Teuta",
    "Luan",
    "Vjosa",
    "Marko",
    "Jelena",
    "Nikola",
    "Ana",
    "Ardian",
    "Blerta",
    "Valon",
    "Mimoza",
)
LAST_NAMES = (
    "Krasniqi",
    "Gashi",
    "Berisha",
    "Morina",
    "Hoxha",
    "Shala",
    "Bytyqi",
    "Kelmendi",
    "Jovanović",
    "Petrović",
    "Nikolić",
    "Thaçi",
    "Rexhepi",
    "Dema",
    "Haxhiu",
    "Zeka",
)
STREETS = (
    "Rr. Agim Ramadani",
    "Rr. Nëna Terezë",
    "Rr. Fehmi Agani",
    "Rr. Dëshmorët",
    "Rr. UÇK",
    "Rr. Skënderbeu",
    "Ul. Kralja Petra",
    "Rr. Adem Jashari",
)


def _bill_dates(state: str, today: date) -> tuple[str, date, date, date | None]:
    last_month = today.replace(day=1) - timedelta(days=1)
    period = f"{last_month.year:04d}-{last_month.month:02d}"
    issued = today.replace(day=1)
    if state == "overdue":
        return period, issued - timedelta(days=30), today - timedelta(days=10), None
    due = today + timedelta(days=14)
    return period, issued, due, (issued if state == "paid" else None)


async def ensure_demo_customers(database: Database, today: date | None = None) -> None:
    """Create or refresh the three documented demo customers, their latest bill kept current
    and a year of bills before it (:mod:`services.backend.demo_history`)."""
    today = today or date.today()
    async with database.transaction() as session:
        for spec in FIXED_CUSTOMERS:
            period, issued, due, paid = _bill_dates(spec.state, today)
            customer = await session.get(DemoCustomer, spec.code)
            if customer is None:
                session.add(
                    DemoCustomer(
                        code=spec.code,
                        district=spec.code[:3],
                        area_id=spec.area_id,
                        full_name=spec.full_name,
                        address=spec.address,
                        **spec.place(),
                    )
                )
                await session.flush()
            else:
                for name, value in spec.place().items():
                    setattr(customer, name, value)
            await session.execute(delete(DemoBill).where(DemoBill.customer_code == spec.code))
            bills = history(spec.code, period, Decimal(spec.amount), (issued, due, paid))
            session.add_all(
                DemoBill(
                    customer_code=spec.code,
                    period=bill.period,
                    amount=bill.amount,
                    currency="EUR",
                    issued_on=bill.issued_on,
                    due_date=bill.due_date,
                    paid_on=bill.paid_on,
                    consumption_kwh=bill.consumption_kwh,
                    reading=bill.reading,
                    period_start=bill.period_start,
                    period_end=bill.period_end,
                )
                for bill in bills
            )


async def seed_synthetic(database: Database, count: int, today: date | None = None) -> int:
    """Add ``count`` synthetic customers across the seven districts; the same count gives the
    same customers. Returns how many were new."""
    today = today or date.today()
    districts = sorted(DISTRICTS)
    customers: list[DemoCustomer] = []
    bills: list[DemoBill] = []
    async with database.transaction() as session:
        existing = set(await session.scalars(select(DemoCustomer.code)))
        for index in range(count):
            rng = random.Random(index)
            district = districts[index % len(districts)]
            code = f"{district}{700000 + index:07d}"
            if code in existing:
                continue
            area = rng.choice(areas_of(district))
            street = rng.choice(STREETS)
            state = rng.choice(("unpaid", "paid", "overdue"))
            period, issued, due, paid = _bill_dates(state, today)
            customers.append(
                DemoCustomer(
                    code=code,
                    district=district,
                    area_id=area.id,
                    full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    address=f"{street} {rng.randint(1, 120)}",
                    place_id=area.id,
                    street=street,
                    feeder=f"{district}-F-{rng.randint(1, 40):04d}",
                    station=f"TS-{district}-{rng.randint(1, 400):04d}",
                )
            )
            bills.append(
                DemoBill(
                    customer_code=code,
                    period=period,
                    amount=Decimal(rng.randint(900, 15000)) / 100,
                    currency="EUR",
                    issued_on=issued,
                    due_date=due,
                    paid_on=paid,
                )
            )
        session.add_all(customers)
        await session.flush()
        session.add_all(bills)
    added = len(customers)
    return added
