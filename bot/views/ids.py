"""The ids of every action, form and form field a view offers, named once for every surface.

A surface sends them back when someone acts: Slack as a button's action_id, a modal's
callback_id and an input block's block_id (bot/slack/ids.py has Slack's own: the command,
shortcuts and events the manifest declares).
"""

from __future__ import annotations

from enum import StrEnum


class Action(StrEnum):
    """Buttons. Each opens the form of one step."""

    # On a complaint (its card, the officer's dashboard, a thread post).
    REGISTER = "complaint_register"
    CONTACT = "complaint_contact"
    NOTE = "complaint_note"
    CLOSE = "complaint_close"
    REJECT = "complaint_reject"
    REOPEN = "complaint_reopen"
    EFFECTIVENESS = "complaint_effectiveness"  # on the effectiveness check reminder
    DISCUSS = "complaint_discuss"
    DISCUSSED = "complaint_discussed"
    MOVE_TALK = "complaint_move_meeting"  # an employee's planned talk, moved by the officer
    # The complainant's side: kind, remedy and severity changed; the decision deadline
    # extended; their answer to the decision; their recourse and its result.
    RECLASSIFY = "complaint_reclassify"
    EXTEND = "complaint_extend"
    ACCEPTANCE = "complaint_acceptance"
    RECOURSE = "complaint_recourse"
    RECOURSE_RESULT = "complaint_recourse_result"
    # On a letter to post in the complaint's thread: the officer posted it (takes the step).
    LETTER_POSTED = "complaint_letter_posted"
    # On the complainant's reply to the decision in the thread: their answer (takes the step).
    AGREED = "complaint_agreed"
    DISAGREED = "complaint_disagreed"
    # On an employee's request (their direct message and dashboard).
    RESPOND = "employee_respond"
    PLAN = "employee_plan"
    MOVE_MEETING = "employee_move_meeting"
    DECLINE = "employee_decline"
    # On a report that waits for the officer's text (their direct message).
    ADD_REPORT_TEXT = "report_add_text"
    # On a complaint's excerpt: its whole text (no step; Slack opens it in a modal).
    FULL_TEXT = "complaint_full_text"
    # On an e-mail the intake ignored (`/klacht genegeerd`): make a complaint of it after all.
    ADMIT_IGNORED = "ignored_admit"


class FormId(StrEnum):
    REGISTER = "register_modal"
    CONTACT = "contact_modal"
    NOTE = "note_modal"
    CLOSE = "close_modal"
    REJECT = "reject_modal"
    REOPEN = "reopen_modal"
    EFFECTIVENESS = "effectiveness_modal"
    NEW_COMPLAINT = "new_complaint_modal"
    DISCUSS = "discuss_modal"
    DISCUSSED = "discussed_modal"
    MOVE_TALK = "move_meeting_modal"
    RECLASSIFY = "reclassify_modal"
    EXTEND = "extend_modal"
    ACCEPTANCE = "acceptance_modal"
    RECOURSE = "recourse_modal"
    RECOURSE_RESULT = "recourse_result_modal"
    EMPLOYEE_RESPOND = "employee_respond_modal"
    EMPLOYEE_PLAN = "employee_plan_modal"
    EMPLOYEE_MOVE = "employee_move_modal"
    EMPLOYEE_DECLINE = "employee_decline_modal"
    REPORT_TEXT = "report_text_modal"  # the officer's analysis (a quarter) or advice (a year)


class Field(StrEnum):
    """Form fields. They equal the procedure's ProcedureError.field names, so an error on a
    field shows next to the input that holds it."""

    COMPLAINANT_NAME = "complainant_name"
    RELATION_TYPE = "relation_type"
    CATEGORY = "category"
    COMPLAINANT_PHONE = "complainant_phone"
    CONTACTED_AT = "contacted_at"
    OUTCOME = "outcome"
    AGREED_MEASURES = "agreed_measures"
    TEXT = "text"
    RESOLUTION = "resolution"
    ROOT_CAUSE_CATEGORY = "root_cause_category"
    ROOT_CAUSE = "root_cause"
    CORRECTIVE_MEASURES = "corrective_measures"
    PREVENTIVE_MEASURES = "preventive_measures"
    CUSTOMER_SATISFIED = "customer_satisfied"
    NO_EMPLOYEE_REASON = "no_employee_reason"
    EFFECTIVENESS_CHECK_ON = "effectiveness_check_on"
    REASON = "reason"
    DUPLICATE_OF = "duplicate_of"
    EFFECTIVE = "effective"
    RESULT = "result"
    SUBJECT = "subject"
    BODY = "body"
    COMPLAINANT_EMAIL = "complainant_email"
    EMPLOYEE_IDS = "employee_ids"
    EMPLOYEE_ID = "employee_id"
    MESSAGE = "message"
    SHARE_CONTACT = "share_contact"
    DISCUSSED_AT = "discussed_at"
    SUMMARY = "summary"
    ACCOUNT = "account"
    CAUSE = "cause"
    PROPOSAL = "proposal"
    MEETING_AT = "meeting_at"
    REPORT_TEXT = "report_text"
    # The complainant's side (bot.procedure.inputs: Assessment, Closure, Extension, ...).
    ROUTE = "route"
    SUITABLE_WORK = "suitable_work"
    DECISION_START = "decision_start"
    REMEDY = "remedy"
    REMEDY_TEXT = "remedy_text"
    SEVERITY = "severity"
    SEVERITY_REASON = "severity_reason"
    DECISION_LETTER = "decision_letter"
    NEW_DATE = "new_date"
    ACCEPTANCE = "acceptance"
    NOTE = "note"
    RECOURSE_BODY = "recourse_body"
    RECOURSE_BODY_NAME = "recourse_body_name"
    RECOURSE_ON = "recourse_on"
    RECOURSE_RESULT = "recourse_result"
    RECOURSE_RESULT_TEXT = "recourse_result_text"
    RECOURSE_RESULT_ON = "recourse_result_on"
