"""The JSON twins, the HTML pages behind them, paging and search, and the review endpoints."""

from __future__ import annotations

import pytest
from ledger_fixture import COPIED_ID, COPY_ID, HOSTILE_ID, SEED_ID, TOKEN

RU_FIG = "kr-rt-2022-04-08:f3"  # the Russian Defence Ministry's "17" killed at Kramatorsk
RU_CLAIM = "kr-rt-2022-04-08:c3"


def _first(client, url, key):
    rows = client.get(url).json()[key]
    assert rows, f"{url} lists no {key}"
    return rows[0]["id"]


@pytest.mark.parametrize(
    "url",
    ["/documents", "/sources", "/series", "/discrepancies", "/reviews"],
)
def test_api_every_list_page_has_a_json_twin(client, url):
    html = client.get(url)
    data = client.get(url + ".json")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert data.status_code == 200 and data.headers["content-type"] == "application/json"
    assert f'href="{url}.json"' in html.text
    assert data.json()["paging"]["page"] == 1


@pytest.mark.parametrize(
    "list_url,key,prefix",
    [("/documents.json", "documents", "/documents/"), ("/sources.json", "sources", "/sources/"),
     ("/series.json", "series", "/series/")],
)
def test_api_every_detail_page_has_a_json_twin(client, list_url, key, prefix):
    item = _first(client, list_url, key)
    html = client.get(prefix + item)
    data = client.get(prefix + item + ".json")
    assert html.status_code == 200 and "<h1>" in html.text
    assert data.status_code == 200
    assert item in data.text


@pytest.mark.parametrize(
    "url",
    ["/documents/no-such-doc", "/documents/no-such-doc.json", "/sources/nobody:s1.json",
     "/series/ser-000000000000", "/series/ser-000000000000.json"],
)
def test_api_unknown_ids_are_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    if url.endswith(".json"):
        assert "error" in response.json()
    else:
        assert "<h1>404</h1>" in response.text


def test_api_document_lists_claims_figures_and_highlights(client):
    data = client.get(f"/documents/{SEED_ID}.json").json()
    assert data["document"]["claims"] == len(data["claims"]) > 0
    assert any(f["span_text"] == "1,908" for f in data["figures"])
    html = client.get(f"/documents/{SEED_ID}").text
    assert '<mark class="hl hl-figure" data-figure="' + SEED_ID + ':' in html
    assert html.count('class="hl hl-content"') >= len(data["claims"]) - 1
    assert 'class="hl hl-cue"' in html


@pytest.mark.parametrize(
    "params,expect_in,expect_out",
    [
        ({"q": "Olenivka"}, "ol-", "kr-"),
        ({"q": "Kramatorsk railway"}, "kr-", "ol-"),
        ({"outlet": "RT"}, "kr-rt-2022-04-08", "kr-censor"),
        ({"since": "2022-07-01", "until": "2022-12-31"}, "ol-", "kr-"),
        ({"until": "2022-04-30"}, "kr-", "ol-"),
    ],
)
def test_api_documents_search_and_filters(client, params, expect_in, expect_out):
    ids = [d["id"] for d in client.get("/documents.json", params=params).json()["documents"]]
    assert any(i.startswith(expect_in) for i in ids)
    assert not any(i.startswith(expect_out) for i in ids)


def test_api_documents_page_through_without_overlap(client):
    first = client.get("/documents.json", params={"size": 5}).json()
    second = client.get("/documents.json", params={"size": 5, "page": 2}).json()
    assert first["paging"]["has_next"] and second["paging"]["has_prev"]
    a = {d["id"] for d in first["documents"]}
    b = {d["id"] for d in second["documents"]}
    assert len(a) == len(b) == 5 and not a & b


@pytest.mark.parametrize("params", [{"size": 0}, {"size": 201}, {"page": 0}, {"page": "x"}])
def test_api_page_size_is_bounded(client, params):
    response = client.get("/documents.json", params=params)
    assert response.status_code == 422


def test_api_source_page_gathers_claims_across_documents(client):
    rows = client.get("/sources.json", params={"q": "Kyrylenko"}).json()["sources"]
    assert len(rows) == 1 and rows[0]["documents"] > 1
    page = client.get(f"/sources/{rows[0]['id']}.json").json()
    assert {c["document_id"] for c in page["claims"]} >= {"kr-abcnews-2022-04-10"}
    assert all(c["source_name"] == "Pavlo Kyrylenko" for c in page["claims"])
    dates = [c["stated_on"] or c["published"] for c in page["claims"]]
    assert dates == sorted(dates)


def test_api_series_page_has_chart_points_for_every_side(client):
    rows = client.get("/series.json", params={"event": "killed", "size": 200}).json()["series"]
    # the Russian side's series of the Kramatorsk strike (its claimant is named by the most
    # frequent of its sources' names; the ministry is among its aliases)
    ru = next(s for s in rows if s["location"] == "Kramatorsk"
              and "Russian Defence Ministry" in s["claimant"]["aliases"])
    page = client.get(f"/series/{ru['id']}.json").json()
    assert len({p["side"] for p in page["chart"]}) == len(page["sides"])
    assert any(r["figure_id"] == RU_FIG for r in page["reports"])
    assert all(r["sentence"] for r in page["reports"])


def test_api_discrepancies_set_sides_side_by_side(client):
    rows = client.get("/discrepancies.json").json()["discrepancies"]
    assert rows
    for d in rows:
        assert len(d["sides"]) >= 2 and d["estimate"]["disputed"]
        assert all(r["sentence"] for s in d["sides"] for p in s["points"] for r in p["reports"])


def test_api_every_response_carries_a_strict_csp(client):
    for url in ("/documents", "/documents.json", "/static/app.js"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-eval" not in csp


@pytest.mark.parametrize("url", [f"/documents/{HOSTILE_ID}", "/documents", "/sources"])
def test_api_hostile_article_is_escaped_in_html(client, url):
    html = client.get(url).text
    assert "window.__pwned" in html or url != f"/documents/{HOSTILE_ID}"
    assert "<script>window" not in html
    assert "<img src=x" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html


# -- reviews -------------------------------------------------------------------------------


def test_api_read_only_server_refuses_reviews(client, auth):
    response = client.post(f"/claims/{RU_CLAIM}/review", json={"verdict": "reject"}, headers=auth)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": "Basic abc"}]
)
def test_api_review_needs_the_token(review_client, headers):
    response = review_client.post(
        f"/figures/{RU_FIG}/review", json={"verdict": "reject"}, headers=headers
    )
    assert response.status_code == 401
    assert review_client.get("/reviews.json").json()["reviews"] == []


def test_api_review_correct_shows_in_series_then_undo_restores(review_client, auth):
    rows = review_client.get("/series.json", params={"size": 200}).json()["series"]
    url = next(
        f"/series/{s['id']}.json" for s in rows
        if any(r["figure_id"] == RU_FIG
               for r in review_client.get(f"/series/{s['id']}.json").json()["reports"])
    )

    def ru_values():
        page = review_client.get(url, params={"size": 200}).json()
        return [r["value"] for r in page["reports"] if r["figure_id"] == RU_FIG]

    assert ru_values() == [17]
    response = review_client.post(
        f"/figures/{RU_FIG}/review",
        json={"verdict": "correct", "changes": {"value": 18}, "note": "checked the video"},
        headers=auth,
    )
    assert response.status_code == 201, response.text
    review = response.json()["review"]
    assert response.json()["target"]["value"] == 18
    assert ru_values() == [18]
    raw = review_client.get(url, params={"size": 200, "reviews": "false"}).json()
    assert [r["value"] for r in raw["reports"] if r["figure_id"] == RU_FIG] == [17]
    assert raw["reviewed"] is False
    assert "?reviews=false" in review_client.get(url.removesuffix(".json")).text
    undo = review_client.post(f"/reviews/{review['id']}/undo", headers=auth)
    assert undo.status_code == 200 and undo.json()["review"]["undone_at"]
    assert ru_values() == [17]
    assert review_client.post(f"/reviews/{review['id']}/undo", headers=auth).status_code == 409


@pytest.mark.parametrize(
    "body,status",
    [
        ({"verdict": "approve"}, 422),
        ({"verdict": "correct", "changes": {"span_start": 1}}, 422),
        ({"verdict": "correct", "changes": {"value": "many"}}, 422),
        ({"changes": {}}, 422),
        ("not an object", 422),
    ],
)
def test_api_bad_review_is_422_and_stores_nothing(review_client, auth, body, status):
    response = review_client.post(f"/figures/{RU_FIG}/review", json=body, headers=auth)
    assert response.status_code == status
    assert review_client.get("/reviews.json").json()["reviews"] == []


def test_api_review_of_unknown_claim_is_404(review_client, auth):
    response = review_client.post(
        "/claims/kr-rt-2022-04-08:c999/review", json={"verdict": "confirm"}, headers=auth
    )
    assert response.status_code == 404


def _csrf(review_client):
    page = review_client.get(f"/documents/{SEED_ID}")
    token = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert review_client.cookies.get("claimledger_csrf") == token
    return token


def test_api_form_review_with_token_and_csrf_redirects_back(review_client):
    csrf = _csrf(review_client)
    claim = review_client.get(f"/documents/{SEED_ID}.json").json()["claims"][0]["id"]
    response = review_client.post(
        f"/claims/{claim}/review",
        data={"csrf": csrf, "token": TOKEN, "verdict": "reject",
              "next": f"/documents/{SEED_ID}", "reviewer": "desk"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == f"/documents/{SEED_ID}"
    data = review_client.get(f"/documents/{SEED_ID}.json").json()
    reviewed = next(c for c in data["claims"] if c["id"] == claim)
    assert reviewed["review"]["status"] == "rejected"
    assert data["reviews"][0]["reviewer"] == "desk"


@pytest.mark.parametrize(
    "csrf,token,status",
    [(None, TOKEN, 403), ("forged.sig", TOKEN, 403),
     ("ok", "wrong", 401)],
)
def test_api_form_review_refused_without_csrf_or_token(review_client, csrf, token, status):
    real = _csrf(review_client)
    fields = {"token": token, "verdict": "confirm"}
    if csrf is not None:
        fields["csrf"] = real if csrf == "ok" else csrf
    response = review_client.post(f"/figures/{RU_FIG}/review", data=fields,
                                  follow_redirects=False)
    assert response.status_code == status
    assert review_client.get("/reviews.json").json()["reviews"] == []


def test_api_form_redirect_never_leaves_the_site(review_client):
    csrf = _csrf(review_client)
    response = review_client.post(
        f"/figures/{RU_FIG}/review",
        data={"csrf": csrf, "token": TOKEN, "verdict": "confirm",
              "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/documents"


def test_api_openapi_schema_served_and_no_cdn_docs(client):
    schema = client.get("/openapi.json").json()
    assert "/documents/{doc_id}.json" in schema["paths"]
    assert client.get("/docs").status_code == 404  # Swagger UI would need a CDN


def test_api_copy_and_original_link_each_other(client):
    copy = client.get(f"/documents/{COPY_ID}.json").json()
    assert copy["document"]["copy_of"] == COPIED_ID
    assert copy["original"]["id"] == COPIED_ID
    original = client.get(f"/documents/{COPIED_ID}.json").json()
    assert [c["id"] for c in original["copies"]] == [COPY_ID]
    assert f'href="/documents/{COPIED_ID}"' in client.get(f"/documents/{COPY_ID}").text
    assert f'href="/documents/{COPY_ID}"' in client.get(f"/documents/{COPIED_ID}").text
    listed = client.get("/documents.json", params={"outlet": "Syndicator"}).json()["documents"]
    assert listed[0]["copy_of"] == COPIED_ID


@pytest.mark.parametrize("chunked", [False, True])
def test_api_oversized_review_body_is_413(review_client, auth, chunked):
    body = b'{"verdict": "confirm", "note": "' + b"x" * 30_000 + b'"}'
    headers = {**auth, "content-type": "application/json"}
    content = iter([body[:10_000], body[10_000:]]) if chunked else body
    response = review_client.post(f"/figures/{RU_FIG}/review", content=content, headers=headers)
    assert response.status_code == 413
    assert review_client.get("/reviews.json").json()["reviews"] == []


def test_api_form_undo_from_the_review_log(review_client, auth):
    made = review_client.post(f"/figures/{RU_FIG}/review", json={"verdict": "reject"},
                              headers=auth).json()["review"]
    log = review_client.get("/reviews")
    assert f'action="/reviews/{made["id"]}/undo"' in log.text
    response = review_client.post(
        f"/reviews/{made['id']}/undo",
        data={"csrf": _csrf(review_client), "token": TOKEN, "next": "/reviews"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/reviews"
    assert review_client.get("/reviews.json").json()["reviews"][0]["undone_at"]
    assert "undone" in review_client.get("/reviews").text


def test_api_uncited_source_mentions_are_highlighted_as_sources(client):
    data = client.get(f"/documents/{SEED_ID}.json").json()
    cited = [(c["source_mention_start"], c["source_mention_end"]) for c in data["claims"]
             if c["source_mention_start"] is not None]
    free = [(s["id"], m) for s in data["sources"] for m in s["mentions"]
            if not any(a < m[2] and m[1] < b for a, b in cited)]
    assert free, "the seed's sources are mentioned outside their claims too"
    html = client.get(f"/documents/{SEED_ID}").text
    for source_id, _mention in free:
        assert f'<mark class="hl hl-source" data-source="{source_id}" title="' in html


@pytest.mark.parametrize(
    "url,kept",
    [("/documents?q=killed&size=2", "q=killed"), ("/series?reviews=false&size=2", "reviews=false"),
     ("/sources?q=a&size=2", "q=a")],
)
def test_api_next_page_link_keeps_the_filters(client, url, kept):
    html = client.get(url).text
    link = html.split('rel="next" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert kept in link and "page=2" in link and "size=2" in link
    assert client.get(url.split("?")[0] + link).status_code == 200


@pytest.mark.parametrize("option", ["prisoner_exchange", "at_least", "vague"])
def test_api_review_forms_offer_the_contracts_values(review_client, client, option):
    assert f"<option>{option}</option>" in review_client.get(f"/documents/{SEED_ID}").text
    assert "<form" not in client.get(f"/documents/{SEED_ID}").text  # read-only: no forms


def test_api_series_page_lists_a_sides_vague_wordings_among_its_reports(client):
    # a vague wording beside a side's figures ("dozens") is no point of its line, but the
    # reports table must still show the words the side used
    rows = client.get("/series.json", params={"size": 200}).json()["series"]
    pages = [client.get(f"/series/{s['id']}.json").json() for s in rows]
    with_vague = [p for p in pages if p["series"]["vague"]]
    assert with_vague, "the fixture ledger has a side with a vague wording beside its figures"
    for page in with_vague:
        shown = {r["figure_id"] for r in page["reports"]}
        assert {r["figure_id"] for p in page["series"]["vague"] for r in p["reports"]} <= shown
        assert any(r["qualifier"] == "vague" for r in page["reports"])
