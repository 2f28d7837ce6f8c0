"""/openapi.json is complete: every operation's answers (problems included) have examples,
every parameter a description and an example, every body an example; the examples are valid."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from search_api import openapi, schemas
from search_api.config import Settings
from search_api.main import create_app
from search_api.tracking.schemas import HistoryPage, OwnersPage, TaskPage, TaskPatch, TaskPublic


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    settings = Settings(ES_URL="http://127.0.0.1:9", DIRECTIVES_DATA_DIR=tmp_path_factory.mktemp("oa"))
    return create_app(settings, prepare_index=False).openapi()


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m.upper(), p, op) for p, ops in spec["paths"].items() for m, op in ops.items()]


def _has_example(spec: dict[str, Any], content: dict[str, Any]) -> bool:
    if content.get("example") is not None or content.get("examples"):
        return True
    schema = content.get("schema") or {}
    while schema.get("type") == "array":
        schema = schema.get("items") or {}
    ref = schema.get("$ref", "")
    component = spec["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {}) if ref else schema
    return bool(component.get("examples") or component.get("example"))


def test_every_answer_has_an_example(spec: dict[str, Any]) -> None:
    missing = [f"{m} {p} {code} {ct}" for m, p, op in _operations(spec)
               for code, resp in op["responses"].items() for ct, c in (resp.get("content") or {}).items()
               if not _has_example(spec, c)]
    assert not missing


def test_errors_are_problem_json_with_the_shared_schema(spec: dict[str, Any]) -> None:
    assert "Problem" in spec["components"]["schemas"]
    for method, path, op in _operations(spec):
        for code, resp in op["responses"].items():
            if int(code) < 400 or path == "/health":  # /health answers 503 with its own body
                continue
            content = resp["content"]
            assert list(content) == ["application/problem+json"], (method, path, code)
            assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
            assert content["application/problem+json"]["example"]["status"] == int(code)


# fmt: off
OPERATIONS: list[tuple[str, str, set[str]]] = [
    ("GET", "/search", {"200", "401", "422", "503"}),
    ("GET", "/documents", {"200", "401", "422", "503"}),
    ("POST", "/documents", {"201", "401", "403", "413", "415", "422", "503"}),
    ("GET", "/documents/{doc_id}", {"200", "401", "404", "422", "503"}),
    ("GET", "/citations/{number}", {"200", "401", "404", "422", "503"}),
    ("GET", "/citations/graph", {"200", "401", "422", "503"}),
    ("GET", "/references/unresolved", {"200", "401", "422", "503"}),
    ("GET", "/health", {"200", "503"}),
    ("GET", "/tasks", {"200", "401", "422", "503"}),
    ("GET", "/tasks/{task_id}", {"200", "401", "404", "422", "503"}),
    ("PATCH", "/tasks/{task_id}", {"200", "401", "403", "404", "409", "422", "428", "503"}),
    ("GET", "/tasks/{task_id}/history", {"200", "401", "404", "422", "503"}),
    ("GET", "/owners", {"200", "401", "422", "503"}),
    ("GET", "/owners/{key}/calendar.ics", {"200", "401", "404", "422", "503"}),
    ("GET", "/exports/tasks.csv", {"200", "401", "422", "503"}),
    ("GET", "/exports/tasks.xlsx", {"200", "401", "422", "503"}),
    ("GET", "/exports/calendar.ics", {"200", "401", "422", "503"}),
    ("GET", "/reports/tasks.docx", {"200", "401", "422", "503"}),
    ("GET", "/reports/tasks.xlsx", {"200", "401", "422", "503"}),
    ("GET", "/reports/figures", {"200", "401", "422", "503"}),
    ("POST", "/subscriptions", {"201", "401", "403", "422", "503"}),
    ("POST", "/follows", {"201", "401", "403", "422", "503"}),
    ("GET", "/documents/{doc_id}/original", {"200", "401", "404", "422", "503"}),
    ("GET", "/documents/{doc_id}/trace", {"200", "401", "404", "422", "503"}),
    ("POST", "/trace/links/{upstream_task}/{downstream_task}", {"201", "401", "403", "404", "422", "503"}),
    ("GET", "/trace/links/{upstream_task}/{downstream_task}", {"200", "401", "422", "503"}),
    ("GET", "/units", {"200", "401", "422", "503"}),
    ("GET", "/units/{key}/summary", {"200", "401", "404", "422", "503"}),
    ("POST", "/units/merge", {"200", "401", "403", "404", "422", "503"}),
    ("POST", "/units/{key}/rename", {"200", "401", "403", "404", "422", "503"}),
    ("POST", "/units/{key}/split", {"200", "401", "403", "404", "422", "503"}),
    ("GET", "/versions/{doc_id}", {"200", "401", "404", "422", "503"}),
    ("POST", "/versions/check", {"200", "401", "403", "413", "422", "503"}),
]
# fmt: on


@pytest.mark.parametrize(("method", "path", "codes"), OPERATIONS)
def test_each_operation_lists_what_it_can_answer(spec: dict[str, Any], method: str, path: str,
                                                 codes: set[str]) -> None:
    assert set(spec["paths"][path][method.lower()]["responses"]) == codes


def test_every_operation_is_in_the_table(spec: dict[str, Any]) -> None:
    listed = {(m, p) for m, p, _ in _operations(spec)}
    assert listed == {(m, p) for m, p, _ in OPERATIONS}


# fmt: off
@pytest.mark.parametrize(("path", "media_type"), [
    ("/exports/tasks.csv", "text/csv"),
    ("/exports/tasks.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("/exports/calendar.ics", "text/calendar"),
    ("/owners/{key}/calendar.ics", "text/calendar"),
])
# fmt: on
def test_downloads_declare_their_media_type(spec: dict[str, Any], path: str, media_type: str) -> None:
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]
    assert [ct.split(";")[0] for ct in content] == [media_type]


def test_every_parameter_is_described_with_an_example(spec: dict[str, Any]) -> None:
    missing = []
    for method, path, op in _operations(spec):
        for p in op.get("parameters", []):
            schema = p.get("schema") or {}
            if not (p.get("description") or schema.get("description")):
                missing.append(f"{method} {path} {p['name']}: description")
            if p.get("example") is None and not (p.get("examples") or schema.get("examples")):
                missing.append(f"{method} {path} {p['name']}: example")
    assert not missing


def test_every_body_has_an_example(spec: dict[str, Any]) -> None:
    for method, path, op in _operations(spec):
        for ct, content in op.get("requestBody", {}).get("content", {}).items():
            assert _has_example(spec, content), (method, path, ct)


def _model_examples() -> list[tuple[type[BaseModel], Any]]:
    out: list[tuple[type[BaseModel], Any]] = []
    for value in vars(schemas).values():
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == schemas.__name__:
            extra = value.model_config.get("json_schema_extra")
            for ex in (extra or {}).get("examples", []) if isinstance(extra, dict) else []:
                out.append((value, ex))
    return out


# fmt: off
@pytest.mark.parametrize(("model", "value"), [
    (TaskPublic, openapi.TASK), (TaskPage, openapi.TASK_PAGE), (HistoryPage, openapi.HISTORY),
    (OwnersPage, openapi.OWNERS),
    *[(TaskPatch, ex["value"]) for ex in openapi.PATCH_EXAMPLES.values()],
    *[(schemas.Problem, body) for _, body in openapi.PROBLEM_EXAMPLES.values()],
    *_model_examples(),
])
# fmt: on
def test_examples_are_valid(model: type[BaseModel], value: Any) -> None:
    model.model_validate(value)


def test_the_models_examples_are_all_checked() -> None:
    assert {m.__name__ for m, _ in _model_examples()} >= {
        "Problem", "SearchHit", "SearchPage", "DocumentPublic", "DocumentsPage", "CitationsPublic",
        "Graph", "UnresolvedPage", "UploadResult", "Health"}


@pytest.mark.parametrize("value", [{"id": 1}, {**openapi.TASK, "status": "finished"}])
def test_invalid_examples_would_be_caught(value: Any) -> None:
    with pytest.raises(ValueError):
        TaskPublic.model_validate(value)


def test_problem_descriptions_can_be_replaced() -> None:
    out = openapi.problems(404, 503, d404="No task with this id")
    assert out[404]["description"] == "No task with this id"
    assert out[503]["description"] == openapi.PROBLEM_EXAMPLES[503][0]


@pytest.mark.integration
def test_openapi_json_is_served(client: TestClient) -> None:
    body = client.get("/openapi.json").json()
    assert body["paths"]["/tasks/{task_id}"]["patch"]["requestBody"]["content"]["application/json"]["examples"]
    assert "Problem" in body["components"]["schemas"]
