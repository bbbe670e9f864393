"""Property-based: every JSON operation, fed generated path and query values, never answers
5xx and always answers what its OpenAPI schema says.

schemathesis generates the requests from FastAPI's OpenAPI schema and checks each response
(status documented, content type, body schema, no server error); hypothesis drives it. Its
pytest plugin does not run on this pytest, so the operations are parametrised here and each
strategy is drawn with `hypothesis.given`. The ledger is the gold clusters only (no pipeline
needed) behind a read-only server, so review operations are exercised on their refusal
paths; their success paths are in `test_api.py`.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_fixture import CLUSTERS, load_cluster, oracle_extraction, side_names, store_extractions

from claimledger.ledger.store import Store

schemathesis = pytest.importorskip("schemathesis")


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, shared):
    from claimledger.web.app import create_app

    path = tmp_path_factory.mktemp("prop") / "ledger.db"
    with Store(path) as store:
        for name in CLUSTERS:
            cluster = load_cluster(shared / "gold" / "dev" / f"{name}.json")
            sides = side_names(cluster)
            store_extractions(store, [oracle_extraction(a, sides) for a in cluster["articles"]])
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(path))


OPERATIONS = [
    "GET /documents.json",
    "GET /documents/{doc_id}.json",
    "GET /sources.json",
    "GET /sources/{source_id}.json",
    "GET /series.json",
    "GET /series/{series_id}.json",
    "GET /incidents.json",
    "GET /incidents/{incident_id}.json",
    "GET /discrepancies.json",
    "GET /reviews.json",
    "POST /claims/{claim_id}/review",
    "POST /figures/{figure_id}/review",
    "POST /sources/{source_id}/review",
    "POST /reviews/{review_id}/undo",
]


def test_openapi_lists_every_json_operation(api_schema):
    labels = {op.ok().label for op in api_schema.get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_openapi_operation_never_5xx_and_matches_schema(api_schema, label):
    operation = next(op.ok() for op in api_schema.get_all_operations() if op.ok().label == label)

    @given(st.data())
    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(data):
        case = data.draw(operation.as_strategy())
        case.call_and_validate()

    check()
