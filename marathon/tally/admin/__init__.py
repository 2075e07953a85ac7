"""The tally's admin: corrections of the letter batches, and the embassy handover."""

from marathon.tally.admin.batches import LetterBatchAdmin, LetterBatchChangeAdmin, PastResultAdmin
from marathon.tally.admin.handover import HandoverAdmin

__all__ = ["HandoverAdmin", "LetterBatchAdmin", "LetterBatchChangeAdmin", "PastResultAdmin"]
