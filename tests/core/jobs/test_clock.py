"""The kernel clock: real time by default, a frozen moment inside ``frozen()``, today's
date in the installation's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from core.db import utcnow
from core.jobs import clock


def test_the_clock_runs_until_frozen_and_a_date_is_today_in_the_local_zone(
        make_app: Any) -> None:
    app = make_app(KONTORA_TIMEZONE="Pacific/Kiritimati")  # UTC+14
    with app.app_context():
        assert abs(clock.now() - utcnow()) < timedelta(seconds=5)
        with clock.frozen(date(2027, 3, 5)) as moment:
            assert clock.today() == date(2027, 3, 5)
            assert clock.now() == moment.astimezone(UTC)
            with clock.frozen(datetime(2027, 3, 5, 20, 0, tzinfo=UTC)):
                assert clock.today() == date(2027, 3, 6)  # already the 6th at UTC+14
            assert clock.today() == date(2027, 3, 5)
        assert abs(clock.now() - utcnow()) < timedelta(seconds=5)
        with pytest.raises(ValueError, match="aware"), clock.frozen(datetime(2027, 3, 5)):
            pass
