"""The OpenAPI document can drive a client (#10): every operation documents its answer and the
errors it gives, both ways in are security schemes, vocabularies are enums, and a client
generated from it (datamodel-code-generator, unknown fields refused) reads the real answers.
The interactive docs page works offline."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

API = "/api/v1"
HROZA = "Missile strike on a cafe in Hroza."
QUERIES = {"q": "Hroza"}  # required query parameters, with a value that finds something


@pytest.fixture
def doc(served) -> dict[str, Any]:
    r = served.client.get(f"{API}/openapi.json")
    assert r.status_code == 200
    return r.json()


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, op)
        for path, ops in doc["paths"].items()
        if path.startswith(API) and path != f"{API}/openapi.json"
        for method, op in ops.items()
    ]


def test_every_operation_documents_its_answer_and_errors(doc: dict[str, Any]) -> None:
    schemes = doc["components"]["securitySchemes"]
    assert schemes["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["bearer"]["description"],
    }
    assert (schemes["session"]["type"], schemes["session"]["in"]) == ("apiKey", "cookie")
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    for method, path, op in operations(doc):
        where = f"{method.upper()} {path}"
        ok = op["responses"].get("200") or op["responses"].get("201")
        assert ok is not None, where
        schema = next(iter(ok["content"].values()))["schema"]
        assert schema not in ({}, {"type": "object"}, {"additionalProperties": True}), where
        assert op["security"] == [{"bearer": []}, {"session": []}], where
        errors = {code for code in op["responses"] if code.startswith(("4", "5"))}
        assert {"401", "403", "500"} <= errors, where
        assert ("422" in errors) == bool(op.get("parameters") or op.get("requestBody")), where
        if "{" in path or "subordinates" in _params(op):
            assert "404" in errors, where
        for code in errors:
            ref = op["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert ref == "#/components/schemas/Error", where


def _params(op: dict[str, Any]) -> set[str]:
    return {p["name"] for p in op.get("parameters", [])}


def test_vocabularies_are_enums(doc: dict[str, Any]) -> None:
    params = {p["name"]: p["schema"] for p in doc["paths"][f"{API}/incidents"]["get"]["parameters"]}
    assert "torture" in params["type"]["enum"]
    assert params["status"]["items"]["enum"] == ["unreviewed", "confirmed", "rejected"]
    incident = doc["components"]["schemas"]["Incident"]["properties"]
    assert "execution_of_pows" in incident["type"]["enum"]
    assert incident["status"]["enum"] == ["unreviewed", "confirmed", "rejected"]


@pytest.fixture
def client_models(doc: dict[str, Any], tmp_path: Path) -> Any:
    """Pydantic models generated from the document, refusing fields it does not name."""
    from datamodel_code_generator import DataModelType, InputFileType, generate
    from datamodel_code_generator.format import Formatter

    code = generate(
        json.dumps(doc),
        input_file_type=InputFileType.OpenAPI,
        output_model_type=DataModelType.PydanticV2BaseModel,
        extra_fields="forbid",
        formatters=[Formatter.BUILTIN],
    )
    path = tmp_path / "casefile_client.py"
    path.write_text(str(code), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("casefile_client", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["casefile_client"] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["casefile_client"]


def _adapter(models: Any, schema: dict[str, Any]) -> TypeAdapter[Any]:
    """The generated type of a response schema: a component, or a list or map of them."""
    if "$ref" in schema:
        return TypeAdapter(getattr(models, schema["$ref"].rsplit("/", 1)[1]))
    if schema.get("type") == "array":
        return TypeAdapter(list[_adapter(models, schema["items"])._type])  # type: ignore[name-defined]
    if schema.get("type") == "object":
        inner = _adapter(models, schema["additionalProperties"])._type
        return TypeAdapter(dict[str, inner])  # type: ignore[valid-type]
    raise AssertionError(f"no generated type for {schema}")


def test_a_generated_client_reads_every_real_answer(served, doc, client_models) -> None:
    admin = served.bearer("adam")
    incident = served.ids[HROZA]
    # an analyst's judgement first, so edited fields and judgements are in the answers
    judged = served.client.post(
        f"{API}/incidents/{incident}/judgements",
        json={"action": "edit", "field": "count", "value": {"best": 52}, "reason": "Checked."},
        headers=served.bearer("ana"),
    )
    assert judged.status_code == 200, judged.text
    document = served.client.get(f"{API}/incidents/{incident}", headers=admin).json()["document"]
    fill = {
        "incident_id": incident,
        "case_id": incident,
        "document_id": document["id"],
        "name": "30th Motorized Rifle Brigade",
    }
    checked = []
    for method, path, op in operations(doc):
        if method != "get":
            continue
        ok = op["responses"]["200"]["content"]
        if "application/json" not in ok:  # a download: the original bytes, an export file
            continue
        url = re.sub(r"\{(\w+)(:path)?\}", lambda m: fill[m.group(1)], path)
        required = {p["name"] for p in op.get("parameters", []) if p.get("required")} - set(fill)
        r = served.client.get(url, params={k: QUERIES[k] for k in required}, headers=admin)
        assert r.status_code == 200, f"{url}: {r.text}"
        _adapter(client_models, ok["application/json"]["schema"]).validate_python(r.json())
        checked.append(path)
    assert len(checked) >= 18, checked
    client_models.Incident.model_validate(judged.json())
    for bad in (f"{API}/incidents/nope", f"{API}/incidents?type=massacre", f"{API}/users"):
        r = served.client.get(bad, headers=served.bearer("vic"))
        assert r.status_code in (403, 404, 422)
        assert client_models.Error.model_validate(r.json()).status == r.status_code


def test_the_docs_page_works_offline(served) -> None:
    page = served.client.get(f"{API}/docs")
    assert page.status_code == 200 and "swagger-ui" in page.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/static/") for a in assets)  # nothing from elsewhere
    for asset in assets:
        assert served.client.get(asset).status_code == 200, asset
    assert "script-src 'self';" in page.headers["content-security-policy"]
