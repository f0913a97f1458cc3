"""Leads are found by the list's search box and the global search, folded and ranked."""

from __future__ import annotations

from tests.plugins.leads.conftest import SALES

FORM = {"client_kind": "legal_entity", "source": "manual"}


def test_leads_are_found_regardless_of_case_and_diacritics(seeded, sign_in):
    browser = sign_in("ann", SALES)
    for title, company in (("Rafturi depozit", "Transport Carpați SRL"),
                           ("Carpați", None), ("Mese birou", "Ștefănești Mobila")):
        data = {**FORM, "title": title, **({"company_name": company} if company else {})}
        assert browser.post("/leads/new", data).status_code == 302
    listing = browser.get("/leads/?q=CARPATI").get_data(as_text=True)
    assert "Rafturi depozit" in listing and "Mese birou" not in listing
    assert "Mese birou" in browser.get("/leads/?q=stefanesti").get_data(as_text=True)
    found = browser.get("/search?q=carpati").get_data(as_text=True)
    assert found.index(">Carpați\n") < found.index("Rafturi depozit")  # exact title first
