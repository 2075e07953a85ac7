"""What the campaign's content announces, for the parts of the site built on it to react.

The cases know nothing of petitions or printable kits: they say what changed, and the
petitions (a petition for every case) and the printables (kits made again) listen.
"""

from django.dispatch import Signal

# A case was created or edited: sent inside the saving transaction, with `case`.
case_saved = Signal()

# What a campaign prints or shows changed (a case, its authority, the campaign's dates or
# address): sent inside the editing transaction, with `campaign_ids`.
campaign_content_changed = Signal()
