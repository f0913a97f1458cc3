"""Hook specifications: how the kernel and lower plugins ask enabled plugins for contributions.

Every hook is called with keyword arguments only; an implementation takes just the
arguments it needs. What a plugin declares in ``contents = Contents(...)`` beside its
manifest is registered on these same hooks (``core.contents``). A spec may gain
arguments, never rename them. Hooks whose docstring says "list" are collected from every
plugin in dependency order (lower plugins first) and flattened by the caller.
"""

from __future__ import annotations

from typing import Any

import pluggy

PROJECT = "kontora"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# --- app set-up --------------------------------------------------------------------------


@hookspec
def kontora_models() -> None:
    """Import the plugin's SQLAlchemy models so their tables join the kernel metadata.

    Called once per application, before migrations run or any query is made. Returns
    nothing; importing the models module is the effect. A plugin usually lists its model
    modules in ``Contents(models=[...])`` instead (see ``core.contents``), which implements
    this and every other list hook from data.
    """


@hookspec
def kontora_app_setup(app: Any) -> None:
    """Adjust the Flask ``app`` once it is built (config defaults, template filters).

    Called at the end of ``create_app`` after every blueprint is registered. Returns nothing.
    """


@hookspec
def kontora_signal_receivers(events: Any) -> None:
    """Connect receivers to named signals: ``events.connect("offers.offer-accepted", fn)``.

    Called once per application with its :class:`core.events.Events`. A plugin may connect to
    signals of plugins it does not depend on; when the announcing plugin is disabled the
    receiver is simply never called. Returns nothing.
    """


@hookspec
def kontora_declare_signals(events: Any) -> None:
    """Declare the signals this plugin announces: ``events.declare(name, doc)``.

    Called once per application, before :func:`kontora_signal_receivers`. The docstring
    given names the sender and the keyword arguments that come along. Returns nothing.
    """


@hookspec
def kontora_record_kinds() -> list[Any]:
    """Return the record kinds (:class:`core.kinds.RecordKind`) this plugin owns.

    Called once per application after ``kontora_models``. Generic views, the API,
    conversions, audit and search find models through these. Returns a list.
    """


@hookspec
def kontora_after_upgrade(session: Any) -> None:
    """Bring reference data up to date after ``kontora db upgrade`` (default roles, series).

    Called once per upgrade, in dependency order, inside one unit of work, after every
    branch reached its head; ``session`` is that unit's session. Must be idempotent and must
    not overwrite what admins edited. Returns nothing.
    """


# --- UI composition ----------------------------------------------------------------------


@hookspec
def kontora_blueprints() -> list[Any]:
    """Return the staff web blueprints (``flask.Blueprint``) of this plugin.

    Called once per application while it is built. Returns a list, possibly empty.
    """


@hookspec
def kontora_api_blueprints() -> list[Any]:
    """Return the REST blueprints of this plugin; the kernel mounts them under ``/api/v1``.

    Called once per application while it is built. Returns a list, possibly empty.
    """


@hookspec
def kontora_menu_entries() -> list[dict[str, Any]]:
    """Return navigation entries: ``{"label", "endpoint", "group", "order", "permission", "icon"}``.

    Called when the navigation is built. ``permission`` hides the entry from users without it;
    ``group`` gathers entries under one heading; lower ``order`` comes first. Returns a list.
    """


@hookspec
def kontora_permissions() -> list[tuple[str, str]]:
    """Return ``(code, label)`` pairs of the permissions this plugin checks, e.g. ``offers.send``.

    Called at start-up to build the permission catalogue. Returns a list.
    """


@hookspec
def kontora_default_roles() -> dict[str, list[str]]:
    """Return default role grants: ``{"salesperson": ["offers.read", ...]}``.

    Called when roles are seeded; grants from every plugin are merged per role name. Roles
    admins edited are never overwritten. Returns a dict.
    """


@hookspec
def kontora_profile_sections(party_id: int) -> list[dict[str, Any]]:
    """Return sections for a client's profile page: ``{"key", "title", "order", "render"}``.

    Called when the client profile is shown; ``render`` is a callable that returns HTML for
    the client ``party_id``, issuing one query. Lets the ``parties`` plugin show offers,
    invoices, tasks... without importing those plugins. Returns a list.
    """


@hookspec
def kontora_portal_sections() -> list[dict[str, Any]]:
    """Return client-portal sections: ``{"key", "title", "endpoint", "order"}``.

    Called when the portal navigation is built. Returns a list.
    """


@hookspec
def kontora_portal_documents(kind: str, record_id: int, principal: Any) -> list[dict[str, Any]]:
    """Return the documents that followed record ``record_id`` of ``kind`` (an order), as
    the client portal shows them to the portal ``principal``.

    Called by the portal page of a record the principal may see; each item is ``{"kind",
    "id", "label", "title", "status", "date", "url", "links"}`` (``label`` names the kind,
    ``url`` the document's portal page or file or ``None``, ``links`` extra
    ``{"text", "url"}`` such as a tracking link). Answer only with what the plugin's own
    portal pages would show this principal (its client's records, past draft). Lets the
    orders plugin list invoices, contracts and shipments without importing those plugins.
    Returns a list.
    """


@hookspec
def kontora_search_providers() -> list[Any]:
    """Return global-search providers: callables ``(principal, text, limit) -> list[dict]``.

    Called for the search box; each result is ``{"kind", "id", "title", "url"}``, already
    filtered by the principal's record rules. Returns a list.
    """


@hookspec
def kontora_record_panels(kind: str, record_id: int) -> list[dict[str, Any]]:
    """Return tabs for the detail page of record ``record_id`` of ``kind``.

    Called each time a generic detail page is shown; each tab is ``{"key", "title",
    "order", "render"}`` where ``render`` is a callable returning the tab's HTML (the
    activities timeline, say), typically ``render_template(...)``; it is inserted as is,
    so escape whatever you build by hand. A tab with ``"active": True`` opens first (a
    form in it refused the input and is drawn again with what was typed). Lets any plugin
    attach to any record without the owner importing it. Return an empty list for kinds
    the plugin has nothing for.
    """


@hookspec
def kontora_list_badges(kind: str, record_ids: list[int]) -> list[dict[str, Any]]:
    """Return badges for the rows of one page of a list of records of ``kind``.

    Called by list pages once per page with the ids shown (never once per row), so a
    plugin answers with one query: the activities plugin flags records with no open task
    as "no next step". Each badge is ``{"record_id", "key", "label", "title", "tone"}``
    (``tone`` a Bootstrap colour name: ``warning``, ``info``...). Returns a list, empty
    for kinds the plugin has nothing for.
    """


@hookspec
def kontora_home_cards(principal: Any) -> list[dict[str, Any]]:
    """Return the cards of the staff home page: the figures ``principal`` starts the day with.

    Called once per view of the home page, for the signed-in ``principal``. Each card is
    ``{"key", "title", "order", "icon", "figures"}``; ``figures`` is a list of ``{"label",
    "value", "url", "tone"}`` (``url`` and ``tone``, a Bootstrap colour name, optional). The
    kernel renders the cards; a plugin counts with one or two aggregate queries under the
    principal's record rules, never one query per row. Return an empty list when the
    principal may not read the plugin's records.
    """


# --- records ----------------------------------------------------------------------------


@hookspec
def kontora_merge_records(kind: str, source_id: int, target_id: int,
                          session: Any) -> list[dict[str, Any]]:
    """Move this plugin's rows of record ``source_id`` of ``kind`` to record ``target_id``.

    Called when two records are merged (``parties`` merging a duplicate client into the one
    that stays), inside the merging unit of work, before the source record is deleted;
    ``session`` is that unit's session. Re-point every row that refers to the source, by
    foreign key or as a ``(record_kind, record_id)`` link; where the target already has an
    equivalent row (a unique clash), keep the target's and drop the source's
    (``core.db.merge.move_rows`` does both). Audit entries are history and stay. The merge
    preview makes the same call in a savepoint that is then rolled back, so only write
    through ``session``. Returns a list of ``{"label": str, "count": int}`` saying what
    moved, empty when the plugin has nothing for ``kind``.
    """


# --- documents ---------------------------------------------------------------------------


@hookspec
def kontora_document_kinds() -> list[dict[str, Any]]:
    """Return document kinds this plugin issues: ``{"kind", "label", "templates_dir"}``.

    Called when document templates are seeded and listed. ``kind`` is a record kind
    (``"offers.offer"``); ``templates_dir`` holds the default templates, named after the
    part of the kind after the dot: ``offer.en.html``, ``offer.ro.html`` ... and one
    ``offer.css`` for all languages (``offer.<lang>.css`` wins where present). An optional
    ``"name"`` (default ``"default"``) names the template, an optional ``"file"`` its base
    file name, so one kind may ship several (``"table"``, ``"text"``). Returns a list.
    """


@hookspec
def kontora_merge_tags(kind: str) -> list[dict[str, Any]]:
    """Return merge tags usable in templates of document ``kind``: ``{"tag", "label", "value"}``.

    Called when a template is rendered (once per render) or edited. ``tag`` is a dotted name
    a template writes as ``{{ offer.number }}``; ``value`` is a callable ``(record) -> Any``
    returning plain data (text, numbers, dates, lists and dicts of those: never a model
    object, whose methods a template could call). Tags of the kernel (``company.*``,
    ``document.*``) come for every kind. Returns a list, empty when the plugin has nothing
    for ``kind``.
    """


@hookspec
def kontora_number_series() -> list[dict[str, Any]]:
    """Return default numbering series: ``{"code", "kind", "label", "pattern", "yearly_reset"}``.

    Called after ``kontora db upgrade`` (and by ``core.numbering.seed_series``); a series
    whose ``code`` is missing is created, one that exists is left as admins set it.
    ``pattern`` is a format string over ``{year}`` and ``{seq}`` (``"OF-{year}-{seq:05d}"``);
    ``yearly_reset`` restarts the sequence at 1 each calendar year, and then the pattern must
    hold ``{year}``. ``kind`` is the document kind the series numbers. Returns a list.
    """


@hookspec
def kontora_link_purposes() -> dict[str, str]:
    """Return the client-link purposes this plugin serves: ``{"offers.view": "offers.public"}``.

    Called once per application. A purpose is ``<plugin>.<action>``; its value is the endpoint
    of the plugin's public view, which ``GET``/``POST /l/<token>`` calls with ``token=...``.
    The view calls ``core.links.resolve_link(token, purpose)`` and, for a single-use action,
    ``core.links.consume_link(link)`` in the same unit of work. A purpose given twice is an
    error. Returns a dict.
    """


@hookspec(firstresult=True)
def kontora_document_content(kind: str, record_id: int) -> dict[str, Any] | None:
    """Describe the record ``record_id`` of ``kind`` neutrally for conversions.

    Called when a conversion reads its source. The plugin that owns ``kind`` answers with
    ``{"party_id", "currency", "lines": [...], "totals": {...}, "reference"}``; others return
    ``None``. Stops at the first non-None result.
    """


# --- conversions -------------------------------------------------------------------------


@hookspec
def kontora_conversions() -> list[Any]:
    """Return conversion actions (:class:`core.conversions.Conversion`) this plugin declares.

    The plugin owning the target kind declares the action. Called at start-up; an action
    whose source kind nobody provides is dropped. Returns a list.
    """


# --- reports -----------------------------------------------------------------------------


@hookspec
def kontora_offered_services(date_from: Any, date_to: Any,
                             owner_id: int | None) -> list[dict[str, Any]]:
    """Return what was offered to clients between ``date_from`` and ``date_to`` (dates, both
    included), for the sales reports' "which services were offered".

    Called when the leads plugin's report is shown or exported; ``owner_id`` limits it to
    the documents of one salesperson when not ``None``. Each item is one product per
    currency: ``{"product_id": int | None, "description": str, "quantity": Decimal,
    "net": Decimal, "currency": str, "documents": int}`` (``documents``: how many offers
    carried it). The offers plugin answers from its offer lines. Returns a list.
    """


# --- money -------------------------------------------------------------------------------


@hookspec
def kontora_einvoice_transmitters() -> list[dict[str, Any]]:
    """Return the e-invoice transmitters this plugin offers (national platforms: RO
    e-Factura's SPV, ...).

    Each item: ``{"code": str, "label": str, "countries": set[str] | None, "transmit":
    callable}``. ``countries`` are the seller countries (ISO 3166 alpha-2) it serves;
    ``None`` marks a fallback used when no transmitter names the seller's country.
    Called at issue to choose one; its ``transmit(einvoice)`` is then called in a job
    after the invoice or credit note is issued and committed, with ``einvoice`` a dict
    ``{"kind", "record_id", "number", "seller_country", "buyer_country", "syntax": "UBL",
    "filename", "xml": bytes}``. It
    returns ``{"status": "sent" | "failed", "message": str, "reference": str | None}``;
    ``failed`` is final (the platform refused the document), while raising means a
    temporary problem and the job retries. The outcome shows on the invoice.
    """


@hookspec(firstresult=True)
def kontora_open_amount(kind: str, record_id: int) -> dict[str, Any] | None:
    """Return what is still owed on the record ``record_id`` of ``kind``.

    Called by receivables code (the ``payments`` plugin, reminders, the client profile)
    that must not import the plugin owning the document. The owner answers with
    ``{"currency": str, "total": Decimal, "paid": Decimal, "open": Decimal, "due_date":
    date | None}`` (a credit note's ``open`` is negative: owed to the client); others
    return ``None``. Stops at the first non-None result.
    """


@hookspec(firstresult=True)
def kontora_record_paid(kind: str, record_id: int, paid: Any) -> bool | None:
    """Store that ``paid`` (a ``Decimal``, the sum of every payment allocated to it) of
    record ``record_id`` of ``kind`` is now paid.

    Called by the ``payments`` plugin inside the unit of work that allocates, with the
    record's row locked, so the owner's ``kontora_open_amount`` follows at once without the
    owner importing ``payments``. Returns ``True`` from the owner, ``None`` from others;
    stops at the first non-None result.
    """


@hookspec
def kontora_payment_methods() -> list[dict[str, Any]]:
    """Return the ways a client may pay online: ``{"code", "label", "start"}``.

    Called when a document's client page is shown; ``start(kind, record_id)`` begins a
    payment of the record's open amount and returns the address the client continues at.
    Returns a list.
    """


# --- jobs --------------------------------------------------------------------------------


@hookspec
def kontora_jobs() -> dict[str, Any]:
    """Return the background jobs of this plugin: ``{"offers.render-pdf": callable}``.

    Called at start-up; job names are ``<plugin>.<name>``. A job callable takes keyword
    arguments that are JSON-serialisable and runs inside its own unit of work. Returns a dict.
    """


@hookspec
def kontora_periodic_jobs() -> list[Any]:
    """Return periodic jobs (:class:`core.jobs.Periodic`): job name plus a cron expression.

    Called by ``kontora worker`` and ``kontora cron``. Returns a list.
    """


# --- command line ------------------------------------------------------------------------


@hookspec
def kontora_cli_commands() -> list[Any]:
    """Return ``click`` commands or groups to add to the ``kontora`` command line.

    Called when the CLI starts. Returns a list.
    """


@hookspec
def kontora_demo_data(session: Any) -> None:
    """Add demo records with ``session`` for ``kontora demo``.

    Called in dependency order inside one unit of work, so a plugin finds the demo records
    of the plugins it depends on. Returns nothing.
    """
