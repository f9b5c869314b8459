"""Contracts with their signatures, letters in the outbox, and attachments stored inside the vault."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from borapp.models.base import Base, Timestamps, utcnow

SIGNER_ROLES = ("resident", "other", "coordinator", "volunteer")
LETTER_KINDS = ("intake", "start", "evaluation", "closing", "no_response", "schedule")
REFERRER_KINDS = LETTER_KINDS[:5]  # the letters that may go to a referrer (services/privacy/letter_policy.py)
LETTER_STATES = ("draft", "ready", "exported", "sent", "failed")


class Contract(Timestamps, Base):
    """One version of a case's BOR-overeenkomst: `agreements` is a JSON snapshot of what was agreed and who the
    parties are; `pdf` is the document as it was signed, kept from the first signature on (the version is frozen)."""

    __tablename__ = "contract"
    __table_args__ = (Index("ix_contract_case_id_version", "case_id", "version"),)  # a case's newest version
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    agreements: Mapped[str] = mapped_column(Text, default="{}")
    signed_copy_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"), nullable=True)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # The day it was drawn up, a fact that travels with it (`created_at` is when this laptop stored it: on a
    # colleague's laptop the day it arrived there). Nullable only as 0042 added it to stored rows (it filled them).
    drawn_up_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, default=dt.date.today)
    signatures: Mapped[list[ContractSignature]] = relationship(
        back_populates="contract", cascade="all, delete-orphan"
    )


class ContractSignature(Base):
    __tablename__ = "contract_signature"
    __table_args__ = (Index("ix_contract_signature_contract_id_id_role", "contract_id", "id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[dt.date] = mapped_column(Date)
    contract: Mapped[Contract] = relationship(back_populates="signatures")


class Letter(Timestamps, Base):
    __tablename__ = "letter"
    __table_args__ = (Index("ix_letter_state_id_state_changed_at", "state", "id", "state_changed_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    parent_role: Mapped[str] = mapped_column(String(10), default="")
    language: Mapped[str] = mapped_column(String(5), default="nl")
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    recipient_email: Mapped[str] = mapped_column(String(200), default="")
    # The lines under the recipient's name (organisation, street, postcode and place) as typed for this letter;
    # "" follows the referring organisation's (or the parent's) address as it is when the PDF is made.
    recipient_address: Mapped[str] = mapped_column(Text, default="")
    # To whom besides the kind's usual addressee: "commissioner" for a closing report to the commissioning party
    # (its contact person and postal address); "" the referrer (a schedule: the parent in `parent_role`).
    addressee: Mapped[str] = mapped_column(String(20), default="", server_default="")
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="draft")
    error: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # The document as it left: kept once a letter is exported or sent, so what was sent can be shown again.
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    state_changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # When it was made (UTC), a fact that travels with it; `created_at` is when this laptop stored it
    made_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, default=utcnow)
    # In a team: the colleague's laptop that made it ("" = made here). Only that laptop sends or exports it, so a
    # letter never goes out twice; here it is shown, and its state follows the colleague's. Never travels.
    received_from: Mapped[str] = mapped_column(String(40), default="", server_default="")


class Attachment(Base):
    """A file (court decision, referral form, signed contract) kept encrypted inside the vault, never on disk."""

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30), default="other")
    filename: Mapped[str] = mapped_column(String(300))
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
