"""Template lookup by name: the deployer's folder, then plugins (higher first), then the kernel.

A template is found by its name alone (``"layout.html"``, ``"offers/detail.html"``), so
overriding one means putting a file of the same name earlier in the chain:

1. ``<instance>/templates/`` — the deployer's overrides;
2. each enabled plugin's ``templates/`` folder, the highest plugin in dependency order first
   (a plugin overrides the plugins it depends on, never the other way round);
3. everything Flask would find on its own: the app's folder and every blueprint's
   ``template_folder`` (the kernel's areas) in registration order.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader

from core.kernel import kontora


def template_loader(app: Flask) -> BaseLoader:
    """The loader chain for ``app``, built from its instance path and enabled plugins."""
    k = kontora(app)
    loaders: list[BaseLoader] = [FileSystemLoader(str(Path(app.instance_path) / "templates"))]
    for plugin in reversed(k.plugins.enabled):
        folder = Path(plugin.path) / "templates"
        if folder.is_dir():
            loaders.append(FileSystemLoader(str(folder)))
    loaders.append(app.create_global_jinja_loader())
    return ChoiceLoader(loaders)


def install(app: Flask) -> None:
    app.jinja_env.loader = template_loader(app)
