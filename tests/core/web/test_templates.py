"""Templates resolve by name: the deployer's instance folder, then plugins, then the kernel."""

from __future__ import annotations

from pathlib import Path

from flask import render_template_string
from sqlalchemy import insert

from core.kernel import kontora
from tests.sample_plugin.models import SampleNote


def test_instance_templates_override_kernel_and_plugin_templates(make_app, tmp_path, sign_in):
    app = make_app()
    folder = Path(app.instance_path) / "templates"
    (folder / "generic").mkdir(parents=True)
    (folder / "generic" / "list.html").write_text(
        '{% extends "layout.html" %}{% block content %}OUR OWN LIST{% endblock %}')
    (folder / "sample").mkdir()
    (folder / "sample" / "note_detail.html").write_text("detail of {{ record.title }}")
    browser = sign_in("ann", ["sample.read"])
    assert "OUR OWN LIST" in browser.get("/sample/notes/").get_data(as_text=True)

    with kontora(app).db.unit() as s:  # "<blueprint>/<name>_<page>.html" beats generic/
        note_id = s.execute(insert(SampleNote).returning(SampleNote.id), [{"title": "Memo"}]
                            ).scalar_one()
    assert browser.get(f"/sample/notes/{note_id}").get_data(as_text=True) == "detail of Memo"


def test_plugin_folders_come_before_the_kernel_and_higher_plugins_first(app):
    loader = app.jinja_env.loader
    names = [getattr(sub, "searchpath", ["<flask>"])[0] for sub in loader.loaders]
    assert names[0] == str(Path(app.instance_path) / "templates")
    assert names[-1] == "<flask>"  # the kernel's blueprint folders, as Flask finds them
    enabled = [p for p in kontora(app).plugins.enabled if (p.path / "templates").is_dir()]
    assert names[1:-1] == [str(p.path / "templates") for p in reversed(enabled)]


def test_layout_is_found_by_name(app):
    with app.test_request_context("/"):
        html = render_template_string('{% extends "layout.html" %}{% block title %}T{% endblock %}')
    assert "<title>T · Kontora</title>" in html
