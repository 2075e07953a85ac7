# The outbox's tests queue confirmations by signing a petition.
from tests.petitions.conftest import _fresh_caches, petition, ten_petitions  # noqa: F401
