"""The demo provider of the embedded default: a page of this site that "pays" with a test
card, so the whole flow can be tried without an account anywhere."""

from __future__ import annotations

from typing import Any

from flask import url_for

from core.i18n import lazy_gettext as _l

TEST_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"


class DemoProvider:
    code = "demo"
    label = _l("Pay by card (demo)")

    def begin(self, checkout: Any) -> str:
        return url_for("payments_public.demo_checkout", token=checkout.token)
