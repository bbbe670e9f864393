// claimledger: click a highlighted claim or figure to see its details.
// Builds the panel with textContent only: article text and source names never become markup.
(function () {
  "use strict";
  // A row's review form is made when its "review" is opened, from the page's one form of
  // that kind (a <template>): a long article's page carries no form per claim.
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (!box.open || !box.matches || !box.matches("details[data-review-form]")) { return; }
    if (box.querySelector("form")) { return; }
    var tpl = document.getElementById("review-form-" + box.getAttribute("data-review-form"));
    if (!tpl) { return; }
    var form = tpl.content.firstElementChild.cloneNode(true);
    form.setAttribute("action", box.getAttribute("data-action"));
    box.appendChild(form);
  }, true);
})();

(function () {
  "use strict";
  var dataTag = document.getElementById("page-data");
  var panel = document.getElementById("details");
  var text = document.getElementById("doc-text");
  if (!dataTag || !panel || !text) { return; }
  var data = JSON.parse(dataTag.textContent);
  var claims = {}, figures = {}, sources = {};
  data.claims.forEach(function (c) { claims[c.id] = c; });
  data.figures.forEach(function (f) { figures[f.id] = f; });
  data.sources.forEach(function (s) { sources[s.id] = s; });

  function row(dl, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd"); dd.textContent = String(value);
    dl.appendChild(dt); dl.appendChild(dd);
  }

  function show(title, fill, href, linkText) {
    panel.textContent = "";
    var h = document.createElement("h3"); h.textContent = title; panel.appendChild(h);
    var dl = document.createElement("dl"); fill(dl); panel.appendChild(dl);
    var a = document.createElement("a"); a.href = href; a.textContent = linkText || "row in the table";
    panel.appendChild(a);
  }

  function showSource(s) {
    show(s.name, function (dl) {
      row(dl, "kind", s.kind);
      row(dl, "title", s.title);
      row(dl, "affiliation", s.affiliation);
      row(dl, "mentions", (s.mentions || []).length);
    }, "/sources/" + encodeURIComponent(s.id), "everything this source has said");
  }

  function showClaim(c) {
    show("Claim " + c.id.split(":").pop(), function (dl) {
      row(dl, "source", c.source_name || (data.outlet || "outlet") + " (narrative)");
      row(dl, "source kind", c.source_kind);
      row(dl, "kind", c.kind);
      row(dl, "cue", c.cue_text);
      row(dl, "stated on", c.stated_on);
      row(dl, "verification", c.verification_status);
      row(dl, "hedges", (c.hedges || []).map(function (h) { return h[0]; }).join(", "));
      if (c.review) { row(dl, "review", c.review.status + " (#" + c.review.review_ids.join(", #") + ")"); }
      row(dl, "content", c.content_text);
    }, "#claim-" + c.id);
  }

  function showFigure(f) {
    var value = f.value !== null ? f.value : (f.low + "–" + f.high);
    show("Figure " + f.id.split(":").pop(), function (dl) {
      row(dl, "words", f.span_text);
      row(dl, "value", value);
      row(dl, "qualifier", f.qualifier);
      row(dl, "unit", f.unit);
      row(dl, "event", f.event);
      row(dl, "as of", f.as_of);
      row(dl, "claimed by", f.source_name);
      if (f.review) { row(dl, "review", f.review.status + " (#" + f.review.review_ids.join(", #") + ")"); }
    }, "#figure-" + f.id);
  }

  text.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.hl");
    if (!mark) { return; }
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    mark.classList.add("selected");
    var fid = mark.getAttribute("data-figure");
    var cid = mark.getAttribute("data-claim");
    var sid = mark.getAttribute("data-source");
    if (fid && figures[fid]) { showFigure(figures[fid]); }
    else if (cid && claims[cid]) { showClaim(claims[cid]); }
    else if (sid && sources[sid]) { showSource(sources[sid]); }
  });
})();
