"""``kontora i18n extract|update|check`` on a plugin package made for the purpose."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from click.testing import CliRunner

from core.i18n.catalogs import po_path
from core.i18n.cli import i18n_group
from core.i18n.extraction import write_catalog


def make_plugin(tmp_path: Path) -> Path:
    root = tmp_path / "shop_plugin"
    (root / "templates" / "shop").mkdir(parents=True)
    (root / "views.py").write_text(
        "from core.i18n import lazy_gettext as _l\nLABEL = _l('Orders')\n")
    (root / "templates" / "shop" / "list.html").write_text("{{ _('New order') }}")
    return root


def test_update_creates_catalogs_then_check_passes_once_translated(tmp_path: Path) -> None:
    root = make_plugin(tmp_path)
    runner = CliRunner()

    result = runner.invoke(i18n_group, ["update", str(root)])
    assert result.exit_code == 0, result.output
    assert "ro: 2 untranslated" in result.output
    for language in ("en", "ro", "bg", "ru"):
        with open(po_path(root / "translations", language), "rb") as fh:
            assert {m.id for m in read_po(fh) if m.id} == {"Orders", "New order"}

    result = runner.invoke(i18n_group, ["check", str(root)])
    assert result.exit_code == 1
    assert "[bg] 'Orders' (shop_plugin/views.py:2): no translation" in result.output

    words = {"ro": ("Comenzi", "Comandă nouă"), "bg": ("Поръчки", "Нова поръчка"),
             "ru": ("Заказы", "Новый заказ")}
    for language, (orders, new_order) in words.items():
        path = po_path(root / "translations", language)
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=language)
        catalog.get("Orders").string, catalog.get("New order").string = orders, new_order
        write_catalog(catalog, path)
    result = runner.invoke(i18n_group, ["check", str(root)])
    assert result.exit_code == 0, result.output

    (root / "views.py").write_text("from core.i18n import gettext as _\nLABEL = _('Invoices')\n")
    runner.invoke(i18n_group, ["update", str(root)])
    with open(po_path(root / "translations", "ro"), "rb") as fh:
        kept = {m.id: m.string for m in read_po(fh) if m.id}
    assert kept == {"New order": "Comandă nouă", "Invoices": ""}


def test_extract_prints_a_template_and_unknown_targets_are_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(i18n_group, ["extract", str(make_plugin(tmp_path))])
    assert result.exit_code == 0
    assert 'msgid "New order"' in result.output
    result = runner.invoke(i18n_group, ["extract", "no_such_plugin"])
    assert result.exit_code == 2
    assert "neither a folder nor a plugin" in result.output
