"""Hostile input to the web UI (the audit of issue 12): time-outs, search text, review
bodies and ids, non-finite figures, unhandled errors. None of them may answer 500 with
internal detail; every answer carries the security headers."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_fixture import SEED_ID

from claimledger.web.security import CSP

RU_FIG = "kr-rt-2022-04-08:f3"  # the Russian Defence Ministry's "17" killed at Kramatorsk
RU_DOC = RU_FIG.rsplit(":", 1)[0]


def _app_client(path, **kwargs):
    from fastapi.testclient import TestClient

    from claimledger.web.app import create_app

    return TestClient(create_app(path, **kwargs), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def detail_urls(client) -> dict[str, str]:
    """One detail page of each family, found through the list pages."""
    source = client.get("/sources.json").json()["sources"][0]["id"]
    series = client.get("/series.json").json()["series"][0]["id"]
    return {"source": f"/sources/{source}", "series": f"/series/{series}"}


FAMILIES = [
    "/documents", f"/documents/{SEED_ID}", "/sources", "source", "/series", "series",
    "/discrepancies", "/reviews",
]


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "html"])
@pytest.mark.parametrize("family", FAMILIES)
def test_query_past_the_time_limit_is_503_with_retry_after(
    ledger_db, detail_urls, monkeypatch, family, as_json
):
    from claimledger.web import db

    client = _app_client(ledger_db, time_limit_ms=1)
    # a limit that has always already passed, checked at every step: each query of the page
    # is interrupted, including those run on the connection directly (reviews, series rows)
    monkeypatch.setattr(db.Reader, "_expired", lambda self: 1)
    monkeypatch.setattr(db, "_PROGRESS_STEPS", 1)
    url = detail_urls.get(family, family) + (".json" if as_json else "")
    response = client.get(url)
    assert response.status_code == 503, response.text[:300]
    assert response.headers["retry-after"]
    assert response.headers["content-security-policy"] == CSP
    if as_json:
        assert response.json() == {"error": response.json()["error"], "status": 503}
        assert "\n" not in response.json()["error"]
    else:
        assert "<h1>503</h1>" in response.text


def test_nul_in_the_search_box_is_an_ordinary_search(client):
    response = client.get("/documents.json", params={"q": "Kramatorsk\x00"})
    assert response.status_code == 200
    assert response.json()["documents"]


#: FTS5's syntax, control characters, and then anything
SEARCH_TEXT = st.lists(
    st.one_of(st.sampled_from(list('\x00\x01\t"*^():-+{}[],.') + [" NEAR ", " AND ", " OR "]),
              st.text(st.characters(codec="utf-8"), max_size=5)),
    max_size=10,
).map("".join)


@given(q=SEARCH_TEXT)
@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_any_search_text_answers_200_or_422_never_5xx(client, q):
    for url in ("/documents.json", "/sources.json", "/series.json"):
        response = client.get(url, params={"q": q})
        assert response.status_code in (200, 422), (url, q, response.text[:200])


def _nested(depth: int) -> str:
    return '{"verdict": "correct", "changes": {"unit": ' + "[" * depth + "]" * depth + "}}"


@pytest.mark.parametrize(
    "body",
    [
        _nested(9000),  # deeper than Python's recursion limit, under the 20 KB body limit
        '{"verdict": "correct", "changes": {"low": 20, "high": 5}}',
        '{"verdict": "correct", "changes": {"value": 18, "high": 5}}',
        '{"verdict": "correct", "changes": {"value": -3}}',
        '{"verdict": "correct", "changes": {"value": 1e999}}',
        '{"verdict": "correct", "changes": {"value": "Infinity"}}',
        '{"verdict": "correct", "changes": {"value": 1' + "0" * 5000 + "}}",
        '{"verdict": "correct", "changes": {"unit": {"nested": "object"}}}',
        '{"verdict": "correct", "changes": {"location": "' + "x" * 600 + '"}}',
        '{"verdict": "' + "x" * 100 + '"}',
    ],
    ids=["deep", "low>high", "value>high", "negative", "inf", "inf-string", "huge-int",
         "object", "long-text", "long-verdict"],
)
def test_bad_review_body_is_one_line_422_and_stores_nothing(review_client, auth, body):
    response = review_client.post(
        f"/figures/{RU_FIG}/review", content=body,
        headers={**auth, "content-type": "application/json"},
    )
    assert response.status_code == 422, response.text[:300]
    message = response.json()["error"]
    assert "\n" not in message and len(message) < 300
    assert review_client.get("/reviews.json").json()["reviews"] == []


#: JSON values of every shape, for a review's fields
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=12,
)


@given(
    verdict=st.sampled_from(["confirm", "reject", "correct", "", "approve"]),
    changes=st.dictionaries(
        st.sampled_from(["value", "low", "high", "qualifier", "unit", "as_of", "cumulative",
                         "span_start", "source_id"]),
        JSON_VALUES, max_size=4,
    ),
)
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_any_review_body_answers_201_or_4xx_never_5xx(review_client, auth, verdict, changes):
    body = json.dumps({"verdict": verdict, "changes": changes})  # NaN and Infinity included
    response = review_client.post(
        f"/figures/{RU_FIG}/review", content=body,
        headers={**auth, "content-type": "application/json"},
    )
    assert response.status_code in (201, 404, 422), (body, response.text[:300])
    if response.status_code == 201:
        figure = response.json()["target"]
        bounds = [figure[k] for k in ("low", "value", "high") if figure.get(k) is not None]
        assert all(v >= 0 for v in bounds)


def test_form_review_with_low_above_high_is_refused(review_client):
    page = review_client.get(f"/documents/{RU_DOC}")
    csrf = review_client.cookies.get("claimledger_csrf")
    assert page.status_code == 200 and csrf
    response = review_client.post(
        f"/figures/{RU_FIG}/review",
        data={"csrf": csrf, "token": "test-review-token-5f1c", "verdict": "correct",
              "change_low": "30", "change_high": "12", "next": f"/documents/{RU_DOC}"},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert review_client.get("/reviews.json").json()["reviews"] == []


@pytest.mark.parametrize("review_id", ["9223372036854775808", "-1", "0", "1" + "0" * 400])
def test_undo_of_an_id_beyond_int64_is_422(review_client, auth, review_id):
    response = review_client.post(f"/reviews/{review_id}/undo", headers=auth)
    assert response.status_code == 422
    assert "\n" not in response.json()["error"]


@pytest.mark.parametrize("value", [float("inf"), 2.0**64, 1e300])
def test_pages_show_infinite_and_huge_figures(writable_db, value):
    with sqlite3.connect(writable_db) as conn:
        conn.execute("UPDATE figures SET value = ? WHERE id = ?", (value, RU_FIG))
        source = conn.execute(
            "SELECT c.source_id FROM figures f JOIN claims c ON c.id = f.claim_id WHERE f.id = ?",
            (RU_FIG,),
        ).fetchone()[0]
    client = _app_client(writable_db)
    series = [s["id"] for s in client.get("/series.json?size=200").json()["series"]]
    urls = [f"/documents/{RU_DOC}", f"/sources/{source}", "/series", "/discrepancies",
            *(f"/series/{s}" for s in series)]
    for url in urls:
        for twin in (url, url + ".json"):
            response = client.get(twin)
            assert response.status_code == 200, (twin, response.text[:300])
            if twin.endswith(".json"):
                json.loads(response.text)  # strict JSON: no Infinity, no NaN
    page = client.get(f"/documents/{RU_DOC}").text
    embedded = page.split('id="page-data">', 1)[1].split("</script>", 1)[0]
    json.loads(embedded, parse_constant=lambda c: pytest.fail(f"{c} in the page data"))
    reviewer = _app_client(writable_db, review_token="test-review-token-5f1c")
    confirmed = reviewer.post(f"/figures/{RU_FIG}/review", json={"verdict": "confirm"},
                              headers={"Authorization": "Bearer test-review-token-5f1c"})
    assert confirmed.status_code == 201
    json.loads(confirmed.text)


def test_format_number_is_total():
    from claimledger.web.pages import format_number

    assert format_number(1908) == format_number(1908.0) == "1,908"
    assert format_number(2.5) == "2.5" and format_number(None) == "—"
    assert format_number(float("inf")) == "∞" and format_number(float("-inf")) == "−∞"
    assert format_number(float("nan")) == "not a number"
    assert format_number(10**5000) == "about 10^5000"
    assert format_number(1e300) == "about 10^300"


def test_unhandled_error_is_a_generic_500_with_request_id_and_headers(
    ledger_db, monkeypatch, caplog
):
    from claimledger.web.routes import documents

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail at /srv/ledger.db")

    monkeypatch.setattr(documents, "_counts", broken)
    client = _app_client(ledger_db)
    for url in ("/documents", "/documents.json"):
        with caplog.at_level("ERROR", logger="claimledger.web"):
            response = client.get(url)
        assert response.status_code == 500
        assert "secret" not in response.text and "RuntimeError" not in response.text
        assert "request id" in response.text
        for key in ("content-security-policy", "x-content-type-options", "x-frame-options"):
            assert key in response.headers, key
        assert "secret detail" in caplog.text  # the detail is in the server's log


# (no "%": the test client decodes a path twice, a real server once)
ODD_IDS = ["reports/2022/kr-1", "kr-report.json", "kr odd?id#x&y", "trailing/"]


@pytest.fixture
def odd_ids_db(writable_db, shared) -> str:
    """The test ledger plus copies of one Kramatorsk report under ids a URL must quote."""
    from ledger_fixture import load_cluster, oracle_extraction, side_names, store_extractions

    from claimledger.ledger.store import Store

    cluster = load_cluster(shared / "gold" / "dev" / "kramatorsk.json")
    original = next(a for a in cluster["articles"] if a["id"] == RU_DOC)
    extractions = [
        oracle_extraction({**original, "id": doc_id, "url": None,
                           "text": original["text"] + f"\n\n{doc_id}"},
                          side_names(cluster))
        for doc_id in ODD_IDS
    ]
    with Store(writable_db) as store:
        store_extractions(store, extractions)
    return writable_db


@pytest.mark.parametrize("doc_id", ODD_IDS)
def test_any_document_id_opens_with_its_json_twin(odd_ids_db, doc_id):
    from urllib.parse import quote

    client = _app_client(odd_ids_db)
    listed = {d["id"] for d in client.get("/documents.json?size=200").json()["documents"]}
    assert doc_id in listed
    url = "/documents/" + quote(doc_id, safe="/")
    html = client.get(url)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert f'href="{url}.json"' in html.text  # the link to the twin, quoted
    data = client.get(url + ".json")
    assert data.status_code == 200 and data.json()["document"]["id"] == doc_id
    source = data.json()["sources"][0]["id"]
    assert client.get("/sources/" + quote(source, safe="/") + ".json").status_code == 200
    assert f'href="/documents/{quote(doc_id, safe="/")}"' in client.get("/documents").text


def test_review_of_a_claim_whose_id_has_a_slash(odd_ids_db, auth):
    client = _app_client(odd_ids_db, review_token="test-review-token-5f1c")
    claim = client.get("/documents/reports/2022/kr-1.json").json()["claims"][0]["id"]
    response = client.post(f"/claims/{claim}/review", json={"verdict": "confirm"}, headers=auth)
    assert response.status_code == 201 and response.json()["target"]["id"] == claim


@pytest.mark.parametrize("by_flag", [True, False], ids=["flag", "environment"])
def test_serve_warns_when_the_review_token_is_a_flag(ledger_db, monkeypatch, by_flag):
    import uvicorn
    from typer.testing import CliRunner

    from claimledger import settings
    from claimledger.cli import app as cli_app

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    args = ["serve", "--db", str(ledger_db)]
    env = {settings.REVIEW_TOKEN_VAR: "test-review-token-5f1c"}
    if by_flag:
        args += ["--review-token", "test-review-token-5f1c"]
        env = {}
    result = CliRunner().invoke(cli_app, args, env=env)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "visible" in line]
    assert len(warnings) == (1 if by_flag else 0)
    assert "reviews enabled" in result.output


@pytest.fixture
def long_db(writable_db) -> str:
    """The test ledger plus a ~190,000-character article: the seed, its claims, figures and
    sources repeated (the size of the audit's unusable page)."""
    from ledger_fixture import long_extraction, store_extractions

    from claimledger.ledger.store import Store

    with Store(writable_db) as store:
        store_extractions(store, [long_extraction(store.extraction(SEED_ID), 190_000)])
    return writable_db


#: what one HTML page of a document may weigh, whatever the article's length
MAX_PAGE_BYTES = 500_000


def test_long_article_comes_in_parts_that_cover_it_once(long_db):
    from ledger_fixture import LONG_ID

    from claimledger.web.routes.documents import parts

    client = _app_client(long_db, review_token="test-review-token-5f1c")
    data = client.get(f"/documents/{LONG_ID}.json").json()
    assert len(data["text"]) >= 190_000 and data["part"]["page"] == 1
    windows = parts(data["text"])
    assert len(windows) == data["part"]["pages"] > 1
    assert [w[0] for w in windows[1:]] == [w[1] for w in windows[:-1]]  # no gap, no overlap
    assert windows[0][0] == 0 and windows[-1][1] == len(data["text"])
    last = client.get(f"/documents/{LONG_ID}.json?page={len(windows)}").json()["part"]
    assert (last["start"], last["end"]) == windows[-1]
    shown = set()
    for n in range(1, len(windows) + 1):
        html = client.get(f"/documents/{LONG_ID}?page={n}")
        assert html.status_code == 200 and len(html.content) < MAX_PAGE_BYTES
        assert html.text.count("<form") == 2  # one form per kind, filled on demand
        shown |= set(re.findall(r'id="claim-([^"]+)"', html.text))
        if n < len(windows):
            assert f'href="?page={n + 1}" rel="next"' in html.text
    assert shown == {c["id"] for c in data["claims"]}  # every claim is on some part
    assert client.get(f"/documents/{LONG_ID}?page={len(windows) + 1}").status_code == 404


def test_short_article_is_one_part(client):
    data = client.get(f"/documents/{SEED_ID}.json").json()
    assert data["part"] == {"page": 1, "pages": 1, "start": 0, "end": len(data["text"])}
    assert "Part 1 of" not in client.get(f"/documents/{SEED_ID}").text
