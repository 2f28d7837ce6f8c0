"""Schemathesis against the app's own OpenAPI schema, in-process (ASGI), on the local engine
with the seed corpus indexed: every operation, valid and invalid input, never a 5xx; every
error is problem+json. The HTML pages (not in the schema) get random paths and queries too."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from search_api.config import Settings
from search_api.main import create_app
from tests.robustness.conftest import EDITOR, FULL, RobustApi

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

EXAMPLES = 40 if FULL else 12
_SPEC = create_app(Settings(ES_URL="http://127.0.0.1:9"), prepare_index=False).openapi()
OPERATIONS = [(path, method.upper()) for path, methods in _SPEC["paths"].items() for method in methods]


@pytest.fixture(scope="module")
def schema(robust_api: RobustApi):
    return schemathesis.openapi.from_asgi("/openapi.json", robust_api.app)


def problem_json_on_errors(ctx, response, case) -> None:
    """4xx answers of the JSON API are RFC 9457 problems (pages and exports excluded)."""
    if 400 <= response.status_code < 500 and response.status_code != 405:
        ctype = response.headers.get("content-type", [""])
        ctype = ctype[0] if isinstance(ctype, list) else ctype
        assert ctype.startswith("application/problem+json"), f"{response.status_code} with {ctype}"


def _run(strategy, check: Callable, examples: int) -> None:
    @given(case=strategy)
    @settings(max_examples=examples, deadline=None, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck), database=None)
    def run(case) -> None:
        check(case)

    run()


def _call_and_check(case) -> None:
    response = case.call(headers=EDITOR)
    case.validate_response(response, checks=[not_a_server_error, problem_json_on_errors])


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_no_server_errors(schema, path: str, method: str, mode: GenerationMode) -> None:
    op = schema[path][method]
    try:
        _run(op.as_strategy(generation_mode=mode), _call_and_check, EXAMPLES)
    except Unsatisfiable:
        # no input can violate this operation's schema (no parameters, or free-form strings only)
        assert mode == GenerationMode.NEGATIVE


@pytest.mark.parametrize("method", ["GET", "PATCH"])
def test_real_task_ids(schema, robust_api: RobustApi, method: str) -> None:
    """Valid ids, random bodies and headers: conflicts and validation errors, never a 5xx."""
    op = schema["/tasks/{task_id}"][method]
    ids = robust_api.task_ids[:5]
    assert ids, "the corpus has tasks"
    strategy = st.sampled_from(ids).flatmap(
        lambda task_id: op.as_strategy(path_parameters={"task_id": task_id}))
    _run(strategy, _call_and_check, EXAMPLES)


PAGE_PATHS = ["/", "/nhiem-vu", "/nhiem-vu/{x}", "/van-ban/{x}", "/van-ban/{x}/do-thi", "/trich-dan/{x}", "/tai-len"]
hostile_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/?#%"), max_size=60),
    st.sampled_from(["..", "%2e%2e", "<script>", "title:(x) OR *", '"\\', "x\u200by", "a" * 3000]),
)


@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(path=st.sampled_from(PAGE_PATHS), x=hostile_text, q=hostile_text,
       extra=st.dictionaries(st.sampled_from(["q", "page", "owner", "status", "size", "sort", "overdue", "year"]),
                             hostile_text, max_size=4))
def test_pages_never_fail(robust_api: RobustApi, path: str, x: str, q: str, extra: dict) -> None:
    url = path.replace("{x}", x.replace("/", "") or "x")
    resp = robust_api.client.get(url, params={"q": q, **extra})
    assert resp.status_code < 500, (url, resp.status_code, resp.text[:300])
