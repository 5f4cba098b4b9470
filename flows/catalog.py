"""Every flow the runner can run, by name."""

from flows import genai_setting, objection_form, partner_sharing
from flows.base import Flow

FLOWS: dict[str, Flow] = {flow.name: flow for flow in (
    genai_setting.FLOW, partner_sharing.FLOW, objection_form.AI_TRAINING, objection_form.PERSONALIZATION)}
