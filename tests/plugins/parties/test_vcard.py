"""vCard 4.0 written and read back: escaping, folding, preferred methods, 3.0 input."""

from __future__ import annotations

import pytest

from plugins.parties import vcard

LONG_NOTE = "Prefers calls after 10:00; speaks Romanian, Bulgarian; пишет по-русски\n" * 3


def test_a_card_survives_the_round_trip():
    card = vcard.Card(name="Ion Pop, jr.", job_title="CFO; board", role="billing",
                      organisation="Alfa; Construct SRL", notes=LONG_NOTE, methods=[
                          {"channel": "email", "value": "ion@alfa.example.ro",
                           "preferred": False},
                          {"channel": "mobile", "value": "+40 721 000 111", "preferred": True},
                          {"channel": "phone", "value": "+40 232 000 000",
                           "preferred": False}])
    text = vcard.write([card, vcard.Card(name="Ана Петрова")])
    lines = text.split("\r\n")
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", "FN:Ion Pop\\, jr."]
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+40721000111" in lines
    first, second = vcard.read(text)
    assert (first.name, first.job_title, first.role, first.notes) == (
        "Ion Pop, jr.", "CFO; board", "billing", LONG_NOTE.strip())
    assert first.organisation == "Alfa; Construct SRL"
    assert first.methods == [
        {"channel": "email", "value": "ion@alfa.example.ro", "preferred": False},
        {"channel": "mobile", "value": "+40721000111", "preferred": True},
        {"channel": "phone", "value": "+40232000000", "preferred": False}]
    assert first.contact_data()["preferred_channel"] == "mobile"
    assert second.name == "Ана Петрова" and second.methods == []


def test_vcard_3_from_an_address_book():
    text = ("BEGIN:VCARD\nVERSION:3.0\nN:Dima;Ana;;;\nitem1.EMAIL;TYPE=INTERNET,pref:ana@x.ro\n"
            "TEL;TYPE=CELL:0721 000 222\nNOTE:first line\\nsecond\n  line\nEND:VCARD\n")
    (card,) = vcard.read(text)
    assert card.name == "Ana Dima"
    assert card.methods == [{"channel": "email", "value": "ana@x.ro", "preferred": True},
                            {"channel": "mobile", "value": "0721 000 222", "preferred": False}]
    assert card.notes == "first line\nsecond line"


@pytest.mark.parametrize("text", ["FN:Nobody\n", "BEGIN:VCARD\nFN:Open\n",
                                  "BEGIN:VCARD\nnonsense\n"])
def test_broken_files_are_refused(text):
    with pytest.raises(vcard.VCardError):
        list(vcard.read(text))
