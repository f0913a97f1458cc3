"""REST endpoints of client and contact imports (``/api/v1/parties/imports``): upload a CSV
or XLSX file (its columns come back mapped where their names tell), start a dry run or the
import with a column mapping, and follow its progress and the problems of its rows. The
same import services as the pages; runs are jobs, so a start answers 202."""

from __future__ import annotations

from flask import jsonify, request
from marshmallow import Schema, fields, validate
from werkzeug.exceptions import UnsupportedMediaType

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.fields import JsonBoolean
from core.api.openapi import operation
from core.errors import ValidationError
from core.i18n import gettext as _
from core.services import validate as load
from plugins.parties.imports import service
from plugins.parties.imports.rows import FIELDS
from plugins.parties.models import DUPLICATE_POLICIES, IMPORT_STATUSES, IMPORT_TARGETS

bp = api_blueprint("parties_imports_api", __name__)

BASE = "/parties/imports"
TAGS = ["parties.imports"]
UPLOAD = {"type": "object", "required": ["target", "file"], "properties": {
    "target": {"type": "string", "enum": list(IMPORT_TARGETS)},
    "file": {"type": "string", "format": "binary",
             "description": "A .csv (comma or semicolon, UTF-8) or .xlsx file, header first."}}}


class ImportFieldSchema(Schema):
    name = fields.String()
    label = fields.Function(lambda f: str(f.label))
    required = fields.Boolean()


class ImportProblemSchema(Schema):
    row = fields.Integer(metadata={"description": "1 is the first row after the header."})
    field = fields.String()
    message = fields.String()
    flag_only = fields.Boolean(metadata={"description": "Imported, but worth a look."})


class ImportRunSchema(Schema):
    id = fields.Integer()
    target = fields.String(metadata={"enum": list(IMPORT_TARGETS)})
    file_name = fields.String()
    file_format = fields.String()
    columns = fields.List(fields.String(), metadata={"description": "The file's header."})
    mapping = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "Column index -> field name, guessed at upload."})
    fields_ = fields.Function(lambda run: ImportFieldSchema(many=True).dump(FIELDS[run.target]),
                              data_key="fields", metadata={
                                  "description": "The fields a column may be mapped to."})
    duplicates = fields.String(metadata={"enum": list(DUPLICATE_POLICIES)})
    dry_run = fields.Boolean()
    status = fields.String(metadata={"enum": list(IMPORT_STATUSES)})
    total_rows = fields.Integer(allow_none=True)
    processed = fields.Integer()
    percent = fields.Integer()
    created_count = fields.Integer()
    skipped_count = fields.Integer()
    failed_count = fields.Integer()
    flagged_count = fields.Integer()
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)


class ImportStartSchema(Schema):
    mapping = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[0-9]{1,4}$")),
                          values=fields.String(validate=validate.Length(max=60)),
                          required=True, metadata={
                              "description": "Column index -> field name; every required "
                                             "field mapped, each field once."})
    duplicates = fields.String(load_default="skip", validate=validate.OneOf(DUPLICATE_POLICIES))
    dry_run = JsonBoolean(load_default=True, metadata={
        "description": "Only check the rows and report; nothing is written."})


@bp.get(BASE)
@operation("GET", summary="The latest imports (one's own; every one to an admin)", tags=TAGS,
           responses={200: ImportRunSchema(many=True)})
def list_imports():
    return jsonify(ImportRunSchema(many=True).dump(service.recent_imports(api_principal())))


@bp.post(BASE)
@operation("POST", summary="Upload a file to import; its columns come back, mapped where "
           "their names tell", tags=TAGS, request=UPLOAD, request_types=("multipart/form-data",),
           responses={201: ImportRunSchema}, errors=(413, 415, 422))
def upload():
    principal = api_principal()
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType(_("Send the file as multipart/form-data."))
    file = request.files.get("file")
    if file is None or not file.filename:
        raise ValidationError(_("Choose a file first."),
                              fields={"file": [_("Choose a file first.")]})
    run = service.upload(principal, request.form.get("target", ""), file.filename, file.stream)
    return jsonify(ImportRunSchema().dump(run)), 201


@bp.get(f"{BASE}/<{RECORD_ID}:record_id>")
@operation("GET", summary="An import: its mapping, status, progress and counts", tags=TAGS,
           responses={200: ImportRunSchema})
def get_import(record_id: int):
    return jsonify(ImportRunSchema().dump(service.get_import(api_principal(), record_id)))


@bp.post(f"{BASE}/<{RECORD_ID}:record_id>/start")
@operation("POST", summary="Start a dry run or the import with a column mapping (a job)",
           tags=TAGS, request=ImportStartSchema, responses={202: ImportRunSchema},
           errors=(422,))
def start(record_id: int):
    principal = api_principal()
    values = load(ImportStartSchema(), json_body())
    run = service.start(principal, record_id, mapping=values["mapping"],
                        duplicates=values["duplicates"], dry_run=values["dry_run"])
    return jsonify(ImportRunSchema().dump(run)), 202


@bp.get(f"{BASE}/<{RECORD_ID}:record_id>/problems")
@operation("GET", summary="Why rows were refused or flagged (the first 500, by row)",
           tags=TAGS, responses={200: ImportProblemSchema(many=True)})
def problems(record_id: int):
    return jsonify(ImportProblemSchema(many=True).dump(
        service.problems(api_principal(), record_id)))
