"""REST endpoints of the sales settings (``/api/v1/leads/pipelines``,
``/api/v1/leads/lost-reasons``): what the settings page does, through its services.

Everyone who sees leads reads the pipelines and lost reasons (a lead names its stage and
reason by id); changing them needs ``leads.forms.admin``, checked by the services.
Pipelines and lost reasons are deactivated, never deleted; a stage is deleted only while
no lead is or ever was in it.
"""

from __future__ import annotations

from flask import jsonify

from core.api.blueprint import RECORD_ID, api_blueprint, api_principal, json_body
from core.api.openapi import operation
from core.permissions import require
from core.services import validate
from plugins.leads.services import pipelines as service
from plugins.leads.settings_schemas import (
    LostReasonSchema,
    PipelineChangeSchema,
    PipelineSchema,
    StageSchema,
)

bp = api_blueprint("leads_settings_api", __name__)

TAGS = ["leads.settings"]
PIPELINES = "/leads/pipelines"
PIPELINE = f"{PIPELINES}/<{RECORD_ID}:pipeline_id>"
STAGES = f"{PIPELINE}/stages"
STAGE = f"{STAGES}/<{RECORD_ID}:stage_id>"
REASONS = "/leads/lost-reasons"
REASON = f"{REASONS}/<{RECORD_ID}:reason_id>"


@bp.get(PIPELINES)
@operation("GET", summary="The pipelines with their stages, in board order", tags=TAGS,
           responses={200: PipelineSchema(many=True)})
def list_pipelines():
    require(api_principal(), "leads.read")
    return jsonify(PipelineSchema(many=True).dump(service.pipelines()))


@bp.post(PIPELINES)
@operation("POST", summary="Add a pipeline (with the stages New, Won and Lost)", tags=TAGS,
           request=PipelineSchema, responses={201: PipelineSchema}, errors=(422,))
def create_pipeline():
    who = api_principal()  # 401/403 before the body is read
    values = validate(PipelineSchema(), json_body())
    return jsonify(PipelineSchema().dump(service.create_pipeline(who, values))), 201


@bp.patch(PIPELINE)
@operation("PATCH", summary="Rename, (de)activate or make the default a pipeline", tags=TAGS,
           request=PipelineChangeSchema, responses={200: PipelineSchema}, errors=(422,))
def update_pipeline(pipeline_id: int):
    who = api_principal()  # 401/403 before the body is read
    values = validate(PipelineChangeSchema(), json_body())
    pipeline = service.update_pipeline(who, pipeline_id, values)
    return jsonify(PipelineSchema().dump(pipeline))


@bp.post(STAGES)
@operation("POST", summary="Add a stage to a pipeline", tags=TAGS, request=StageSchema,
           responses={201: StageSchema}, errors=(422,))
def add_stage(pipeline_id: int):
    who = api_principal()  # 401/403 before the body is read
    values = validate(StageSchema(), json_body())
    return jsonify(StageSchema().dump(service.save_stage(who, pipeline_id,
                                                         values))), 201


@bp.put(STAGE)
@operation("PUT", summary="Set a stage: name, position, probability, won or lost", tags=TAGS,
           request=StageSchema, responses={200: StageSchema}, errors=(422,))
def save_stage(pipeline_id: int, stage_id: int):
    who = api_principal()  # 401/403 before the body is read
    values = validate(StageSchema(), json_body())
    return jsonify(StageSchema().dump(service.save_stage(who, pipeline_id, values,
                                                         stage_id)))


@bp.delete(STAGE)
@operation("DELETE", summary="Delete a stage no lead is or ever was in", tags=TAGS,
           responses={204: None}, errors=(409,))
def delete_stage(pipeline_id: int, stage_id: int):
    service.delete_stage(api_principal(), stage_id, pipeline_id=pipeline_id)
    return "", 204


@bp.get(REASONS)
@operation("GET", summary="The lost reasons, the inactive ones too", tags=TAGS,
           responses={200: LostReasonSchema(many=True)})
def list_reasons():
    require(api_principal(), "leads.read")
    return jsonify(LostReasonSchema(many=True).dump(service.lost_reasons(active_only=False)))


@bp.post(REASONS)
@operation("POST", summary="Add a lost reason", tags=TAGS, request=LostReasonSchema,
           responses={201: LostReasonSchema}, errors=(422,))
def add_reason():
    who = api_principal()  # 401/403 before the body is read
    values = validate(LostReasonSchema(), json_body())
    return jsonify(LostReasonSchema().dump(service.save_lost_reason(who,
                                                                    values))), 201


@bp.put(REASON)
@operation("PUT", summary="Set a lost reason's name and whether it is offered", tags=TAGS,
           request=LostReasonSchema, responses={200: LostReasonSchema}, errors=(422,))
def save_reason(reason_id: int):
    who = api_principal()  # 401/403 before the body is read
    values = validate(LostReasonSchema(), json_body())
    return jsonify(LostReasonSchema().dump(service.save_lost_reason(who, values,
                                                                    reason_id)))
