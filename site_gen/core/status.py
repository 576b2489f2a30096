"""A claim's verification status: the values, their labels and explanations in words (pure)."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    UNVERIFIED = "unverified"
    UNVERIFIABLE = "unverifiable"
    PARTIALLY_CORROBORATED = "partially_corroborated"
    CORROBORATED = "corroborated"
    DISPUTED = "disputed"
    REFUTED = "refuted"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def explanation(self) -> str:
        return _STATUS_EXPLANATIONS[self]

    @property
    def needs_evidence(self) -> bool:
        return self not in (Status.UNVERIFIED, Status.UNVERIFIABLE)

    @property
    def is_verdict(self) -> bool:
        """A status that states our own judgement (emitted as schema.org ClaimReview)."""
        return self in (Status.CORROBORATED, Status.DISPUTED, Status.REFUTED, Status.PARTIALLY_CORROBORATED)

    @property
    def not_verified(self) -> bool:
        return self in (Status.UNVERIFIED, Status.UNVERIFIABLE)


_STATUS_LABELS = {
    Status.UNVERIFIED: "Unverified claim",
    Status.UNVERIFIABLE: "Unverifiable claim",
    Status.PARTIALLY_CORROBORATED: "Partially corroborated claim",
    Status.CORROBORATED: "Corroborated claim",
    Status.DISPUTED: "Disputed claim",
    Status.REFUTED: "Refuted claim",
    Status.SUPERSEDED: "Superseded claim",
}
_STATUS_EXPLANATIONS = {
    Status.UNVERIFIED: "Only the claimant's word; not independently verified.",
    Status.UNVERIFIABLE: "Cannot be checked with available evidence; not independently verified.",
    Status.PARTIALLY_CORROBORATED: "Parts of this claim are supported by independent evidence; others are not.",
    Status.CORROBORATED: "Supported by at least two sources independent of the claimant.",
    Status.DISPUTED: "Independent evidence or another party contradicts this claim.",
    Status.REFUTED: "Independent evidence shows this claim is false.",
    Status.SUPERSEDED: "Replaced by a later figure or correction.",
}
