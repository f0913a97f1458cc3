"""Demo contracts: made once by ``kontora demo`` on the demo clients, the active ones
numbered, one expiring soon so the expiring list has something to show."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from core.cli.demo import demo_command
from core.db import session
from plugins.contracts.models import Contract
from tests.plugins.contracts.conftest import unit


def test_kontora_demo_loads_the_demo_contracts_once(capp):
    runner = capp.test_cli_runner()
    for _ in range(2):
        loaded = runner.invoke(demo_command)
        assert loaded.exit_code == 0, loaded.output
        assert "contracts" in loaded.output

    def check():
        contracts = list(session().scalars(select(Contract).order_by(Contract.id)))
        assert [c.status for c in contracts] == ["draft", "active", "active"]
        assert contracts[0].number is None
        assert all(c.number.startswith("CTR-") for c in contracts[1:])
        assert all(c.value > 0 and c.party_id for c in contracts)
        soon = date.today() + timedelta(days=30)
        assert [c.title for c in contracts if c.status == "active" and c.end_date <= soon] \
            == ["Maintenance of the mixing plant"]
    unit(capp, check)
