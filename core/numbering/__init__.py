"""Numbering sequences: series, gap-free numbers given inside the issuing transaction.

``next_number("offers", record_kind="offers.offer", record_id=offer.id)`` in the service
that issues the document; series come from the ``kontora_number_series`` hook and the
admin pages. See ``docs/numbering.md``.
"""

from core.numbering.models import IssuedNumber, NumberCounter, NumberSeries
from core.numbering.report import PeriodReport, gap_report
from core.numbering.service import next_number

__all__ = ["IssuedNumber", "NumberCounter", "NumberSeries", "PeriodReport", "gap_report",
           "next_number"]
