"""Every action_id, callback_id, block id, command and event the app handles, named once.

The manifest test compares these with manifest/manifest.json in both directions.
"""

from __future__ import annotations

from enum import StrEnum

COMMAND = "/klacht"


class ActionId(StrEnum):
    """Buttons on a complaint's root message; each opens the modal of one step."""

    REGISTER = "complaint_register"
    CONTACT = "complaint_contact"
    NOTE = "complaint_note"
    CLOSE = "complaint_close"
    REJECT = "complaint_reject"
    REOPEN = "complaint_reopen"
    EFFECTIVENESS = "complaint_effectiveness"  # on the effectiveness check reminder
    DISCUSS = "complaint_discuss"
    DISCUSSED = "complaint_discussed"


class EmployeeActionId(StrEnum):
    """Buttons in an employee's direct message and on their App Home."""

    RESPOND = "employee_respond"
    PLAN = "employee_plan"
    DECLINE = "employee_decline"


class CallbackId(StrEnum):
    """Modals (view_submission callback_id)."""

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
    EMPLOYEE_RESPOND = "employee_respond_modal"
    EMPLOYEE_PLAN = "employee_plan_modal"
    EMPLOYEE_DECLINE = "employee_decline_modal"


class ReportActionId(StrEnum):
    """The button in the officer's direct message with a report that waits for their text."""

    ADD_TEXT = "report_add_text"


class ReportCallbackId(StrEnum):
    """The report's modal: the officer's analysis (a quarter) or advice (a year)."""

    TEXT = "report_text_modal"


class ShortcutId(StrEnum):
    """Global shortcut (a complaint by phone or at the desk) and message shortcut."""

    NEW_COMPLAINT = "new_complaint"
    MESSAGE_TO_COMPLAINT = "message_to_complaint"


class Event(StrEnum):
    APP_HOME_OPENED = "app_home_opened"


# The Home's "updated at" line: left out when telling whether a Home changed (bot.slack.homes).
HOME_UPDATED_BLOCK = "home_updated"


class Field(StrEnum):
    """Input block ids. They equal the procedure's ProcedureError.field names, so an error
    on a field shows next to the input that holds it."""

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
    MESSAGE = "message"
    SHARE_CONTACT = "share_contact"
    DISCUSSED_AT = "discussed_at"
    SUMMARY = "summary"
    ACCOUNT = "account"
    CAUSE = "cause"
    PROPOSAL = "proposal"
    MEETING_AT = "meeting_at"
    REPORT_TEXT = "report_text"


# The action_id of the single element inside every input block.
INPUT_ACTION = "value"
