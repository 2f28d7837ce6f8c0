"""The owner-error profile puts each disagreement in exactly one class."""

from __future__ import annotations

import pytest

from tests.nlp.owner_profile import SCORER, _scorer, classify

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="shared scorer not present")


@pytest.mark.parametrize(("gold", "pred", "kind"), [
    ({"sở tư pháp"}, {"sở tư pháp"}, "equal"),
    (set(), {"sở tư pháp"}, "gold none, predicted some"),
    ({"sở tư pháp"}, set(), "predicted none"),
    ({"sở tư pháp", "sở nội vụ"}, {"sở tư pháp"}, "subset (owners missing)"),
    ({"sở tư pháp"}, {"sở tư pháp", "sở nội vụ"}, "superset (owners extra)"),
    ({"các sở ban ngành tỉnh"}, {"các sở ban ngành"}, "same bodies, other boundaries"),
    ({"sở tư pháp", "sở nội vụ"}, {"sở tư pháp", "công an tỉnh"}, "overlap, other bodies too"),
    ({"sở tư pháp"}, {"công an tỉnh"}, "other bodies"),
])
def test_each_disagreement_has_its_class(gold: set[str], pred: set[str], kind: str) -> None:
    assert classify(gold, pred, _scorer()) == kind
