"""What the petitions announce, for the parts of the site built on them to react.

The petitions know nothing of the tally or the handover: they say what happened.
"""

from django.dispatch import Signal

# A signer's personal data was erased (on request, by staff, or after retention).
# Sent inside the erasing transaction, with signer_id and petition_ids (the petitions
# the signer's confirmed signatures, now anonymous, still count for).
signer_erased = Signal()
