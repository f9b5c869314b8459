"""Persistence: SQLAlchemy 2 declarative records and the encrypted engine. No Qt, no services."""

from borapp.models.audit import AuditEvent, Draft, Erasure, ErasedCount, Setting
from borapp.models.base import Base
from borapp.models.cases import Case, CaseExclusion, Child, Parent, RetentionHold, StatusChange
from borapp.models.costs import CaseHours, VisitExpense
from borapp.models.documents import Attachment, Contract, ContractSignature, Letter
from borapp.models.organisations import Coordinator, Municipality, MunicipalityFunding, Organisation
from borapp.models.sync import SyncIdentity, SyncOp
from borapp.models.visits import Evaluation, Visit, VisitAddendum
from borapp.models.volunteers import Meeting, MeetingAttendance, Training, VogIssue, Volunteer, VolunteerPause

__all__ = [
    "AuditEvent", "Attachment", "Base", "Case", "CaseExclusion", "CaseHours", "Child", "Contract", "ContractSignature", "Coordinator", "Draft", "ErasedCount", "Erasure",
    "Evaluation", "Letter", "Meeting", "MeetingAttendance", "Municipality", "MunicipalityFunding", "Organisation",
    "Parent", "RetentionHold", "Setting", "StatusChange", "SyncIdentity", "SyncOp", "Training", "Visit", "VisitAddendum", "VisitExpense",
    "VogIssue", "Volunteer", "VolunteerPause",
]
