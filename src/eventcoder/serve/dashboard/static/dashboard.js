// eventcoder dashboard: reads /v1/stats and /v1/events with the shared filters and draws the
// map, the timeline and the dyads with Vega-Lite (served from /assets/vega.js) and the events
// table as plain HTML. State lives in the URL query (?country=NER&cameo=17...), so a view can be
// bookmarked or shared. window.dashboard exposes the Vega views and the last responses (tests).
(function () {
  "use strict";

  var FILTERS = ["country", "actor", "cameo", "language", "since", "until"];
  var QUAD_COLORS = ["#2b83ba", "#1a9641", "#fdae61", "#d7191c"];
  var PAGE = 50;
  var PLACE_PAGE = 1000;

  var meta = { cameo: {}, roots: [], quad_classes: {}, countries: {} };
  var world = null;
  var views = { map: null, timeline: null, dyads: null };
  var state = { filters: {}, place: null, cursor: null, seq: 0, rows: [] };
  var dashboard = { views: views, state: state, stats: null, events: [], ready: false };
  window.dashboard = dashboard;

  var $ = function (id) { return document.getElementById(id); };
  var form = $("filters");

  // -- helpers ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "className") { node.className = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function quadLabel(q) {
    return q + " " + (meta.quad_classes[String(q)] || "");
  }

  function quadDomain() {
    return [1, 2, 3, 4].map(quadLabel);
  }

  function countryName(code) {
    return meta.countries[code] || code;
  }

  function query(filters, extra) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (filters[name]) { params.set(name, filters[name]); } });
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    return params.toString();
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          var detail = body && body.error ? body.error.message || body.error : response.status;
          throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
        }
        return body;
      });
    });
  }

  function setStatus(text, isError) {
    var status = $("status");
    status.textContent = text || "";
    status.classList.toggle("error", !!isError);
  }

  function embed(name, spec) {
    var target = $(name);
    if (views[name]) { views[name].finalize(); views[name] = null; }
    target.innerHTML = "";
    return vegaEmbed(target, spec, { actions: false, renderer: "svg", tooltip: { theme: "light" } })
      .then(function (result) { views[name] = result.view; return result.view; });
  }

  function empty(name, message) {
    if (views[name]) { views[name].finalize(); views[name] = null; }
    $(name).innerHTML = "";
    $(name).appendChild(el("div", { className: "empty", text: message }));
  }

  // -- filters ---------------------------------------------------------------------------

  function readForm() {
    var filters = {};
    FILTERS.forEach(function (name) {
      var value = (form.elements[name].value || "").trim();
      if (name === "actor") { value = value.toUpperCase(); }
      if (value) { filters[name] = value; }
    });
    return filters;
  }

  function writeForm(filters) {
    FILTERS.forEach(function (name) {
      var input = form.elements[name];
      var value = filters[name] || "";
      if (input.tagName === "SELECT" && value &&
          !Array.prototype.some.call(input.options, function (o) { return o.value === value; })) {
        input.appendChild(el("option", { value: value, text: value }));
      }
      input.value = value;
      input.classList.toggle("active", !!value);
    });
  }

  function fromURL() {
    var params = new URLSearchParams(window.location.search);
    var filters = {};
    FILTERS.forEach(function (name) { if (params.get(name)) { filters[name] = params.get(name); } });
    return filters;
  }

  function applyFilters(filters) {
    state.filters = filters;
    state.place = null;
    writeForm(filters);
    var qs = query(filters);
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
    return refresh();
  }

  function fillOptions(stats) {
    var country = $("f-country");
    stats.by_country.forEach(function (row) {
      country.appendChild(el("option", {
        value: row.country, text: countryName(row.country) + " (" + row.country + ") · " + row.events,
      }));
    });
    var counts = {};
    stats.by_root.forEach(function (row) { counts[row.cameo_root] = row.events; });
    var cameo = $("f-cameo");
    meta.roots.forEach(function (root) {
      var n = counts[root.code] || 0;
      cameo.appendChild(el("option", {
        value: root.code, text: root.code + " " + root.name + (n ? " · " + n : ""),
      }));
    });
    var codes = {};
    stats.dyads.forEach(function (d) { codes[d.source] = 1; codes[d.target] = 1; });
    var list = $("actor-codes");
    Object.keys(codes).sort().forEach(function (code) {
      list.appendChild(el("option", { value: code }));
    });
    if (stats.totals.first_date) {
      ["f-since", "f-until"].forEach(function (id) {
        $(id).min = stats.totals.first_date;
        $(id).max = stats.totals.last_date;
      });
    }
  }

  // -- totals ----------------------------------------------------------------------------

  function renderTotals(stats) {
    var t = stats.totals;
    var box = $("totals");
    box.innerHTML = "";
    function item(value, label) {
      return el("span", {}, [el("b", { text: String(value) }), label]);
    }
    box.appendChild(item(t.events, "events"));
    box.appendChild(item(t.articles, "articles"));
    box.appendChild(item(t.mean_goldstein === null ? "–" : t.mean_goldstein.toFixed(2),
      "mean Goldstein"));
    if (t.first_date) { box.appendChild(item(t.first_date + " – " + t.last_date, "")); }
    stats.by_quad.forEach(function (row) {
      box.appendChild(el("span", { className: "quad", title: quadLabel(row.quad_class) }, [
        el("span", { className: "dot q" + row.quad_class }),
        el("b", { text: String(row.events) }),
        meta.quad_classes[String(row.quad_class)] || "",
      ]));
    });
  }

  // -- map -------------------------------------------------------------------------------

  function fitFeatures(places, country) {
    var features = [];
    if (country) {
      world.features.forEach(function (f) { if (f.id === country) { features.push(f); } });
    }
    var points = [];
    places.forEach(function (p) {
      if (!country || p.country === country) {
        [[-5, -5], [5, 5], [-5, 5], [5, -5]].forEach(function (d) {
          points.push([Math.max(-179, Math.min(179, p.lon + d[0])),
            Math.max(-85, Math.min(85, p.lat + d[1]))]);
        });
      }
    });
    if (points.length) {
      features.push({ type: "Feature", properties: {}, geometry: { type: "MultiPoint", coordinates: points } });
    }
    return features;
  }

  function renderMapLegend() {
    var box = $("map-legend");
    if (box.childNodes.length) { return; }
    box.appendChild(el("span", { className: "legend-title", text: "Colour: most frequent QuadClass at the place" }));
    [1, 2, 3, 4].forEach(function (q) {
      box.appendChild(el("span", { className: "key" }, [el("span", { className: "dot q" + q }), quadLabel(q)]));
    });
    box.appendChild(el("span", { className: "legend-title", text: "· circle area: number of events" }));
  }

  function renderMap(stats) {
    var country = state.filters.country || null;
    var places = stats.places.map(function (p) {
      return {
        name: p.name, country: p.country, lat: p.lat, lon: p.lon, events: p.events,
        quad_class: p.quad_class, quad: quadLabel(p.quad_class),
        label: p.name + (p.country ? " (" + p.country + ")" : ""),
      };
    });
    var most = places.reduce(function (m, p) { return Math.max(m, p.events); }, 0);
    $("map-note").textContent = places.length
      ? places.length + " places, up to " + most + " events at one; click a circle to list its events"
      : "no located events";
    renderMapLegend();
    var projection = { type: "equalEarth" };
    var fit = country ? fitFeatures(places, country) : [];
    if (fit.length) { projection.fit = fit; }
    var spec = {
      width: "container",
      height: 420,
      autosize: { type: "fit", contains: "padding" },
      projection: projection,
      datasets: { countries: world.features, places: places },
      config: { view: { stroke: null } },
      layer: [
        { data: { sphere: true }, mark: { type: "geoshape", fill: "#eaf1f8", stroke: "#cfd9e4" } },
        { data: { graticule: { step: [30, 30] } }, mark: { type: "geoshape", filled: false, stroke: "#d9e3ee", strokeWidth: 0.5 } },
        {
          data: { name: "countries" },
          mark: { type: "geoshape", stroke: "#ffffff", strokeWidth: 0.6 },
          encoding: {
            fill: country
              ? { condition: { test: "datum.id === " + JSON.stringify(country), value: "#c3ccd7" }, value: "#dfe4ea" }
              : { value: "#dfe4ea" },
            tooltip: [{ field: "properties.name", title: "country" }],
          },
        },
        {
          data: { name: "places" },
          mark: { type: "circle", stroke: "#ffffff", strokeWidth: 0.8, opacity: 0.85, cursor: "pointer" },
          encoding: {
            longitude: { field: "lon", type: "quantitative" },
            latitude: { field: "lat", type: "quantitative" },
            size: {
              field: "events", type: "quantitative", title: "events",
              scale: { range: [25, 1100], zero: true },
              legend: null,
            },
            color: {
              field: "quad", type: "nominal", title: "QuadClass (most events)",
              scale: { domain: quadDomain(), range: QUAD_COLORS },
              legend: null,
            },
            order: { field: "events", sort: "descending" },
            tooltip: [
              { field: "label", title: "place" },
              { field: "events", title: "events" },
              { field: "quad", title: "most frequent QuadClass" },
            ],
          },
        },
      ],
    };
    return embed("map", spec).then(function (view) {
      view.addEventListener("click", function (event, item) {
        if (item && item.datum && item.datum.lat !== undefined && item.datum.events) {
          selectPlace(item.datum);
        }
      });
    });
  }

  // -- timeline --------------------------------------------------------------------------

  function dayNumber(date) { return Date.parse(date + "T00:00:00Z") / 86400000; }

  function isoDay(d) { return d.toISOString().slice(0, 10); }

  function bucketOf(date, unit) {
    if (unit === "day") { return date; }
    if (unit === "month") { return date.slice(0, 7) + "-01"; }
    var d = new Date(date + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - (d.getUTCDay() + 6) % 7); // weeks start on Monday
    return isoDay(d);
  }

  function nextBucket(bucket, unit) {
    var d = new Date(bucket + "T00:00:00Z");
    if (unit === "day") { d.setUTCDate(d.getUTCDate() + 1); }
    else if (unit === "week") { d.setUTCDate(d.getUTCDate() + 7); }
    else { d.setUTCMonth(d.getUTCMonth() + 1); }
    return isoDay(d);
  }

  // Events per day, or per week / month when the dates span too long for daily bars; the
  // mean Goldstein of each bucket is weighted by events, and null where a bucket is empty
  // (the line breaks there instead of bridging the gap).
  function timelineData(byDay) {
    if (!byDay.length) { return { unit: "day", bars: [], means: [] }; }
    var first = byDay[0].date;
    var last = byDay[byDay.length - 1].date;
    var span = dayNumber(last) - dayNumber(first);
    var unit = span <= 150 ? "day" : span <= 3 * 365 ? "week" : "month";
    var bars = {};
    var sums = {};
    byDay.forEach(function (row) {
      var bucket = bucketOf(row.date, unit);
      var key = bucket + "|" + row.quad_class;
      if (!bars[key]) {
        bars[key] = { date: bucket, end: nextBucket(bucket, unit), quad: quadLabel(row.quad_class), quad_class: row.quad_class, events: 0 };
      }
      bars[key].events += row.events;
      if (!sums[bucket]) { sums[bucket] = { events: 0, total: 0 }; }
      sums[bucket].events += row.events;
      sums[bucket].total += row.events * (row.mean_goldstein || 0);
    });
    var means = [];
    for (var b = bucketOf(first, unit); b <= last; b = nextBucket(b, unit)) {
      var s = sums[b];
      var mid = new Date((Date.parse(b) + Date.parse(nextBucket(b, unit))) / 2).toISOString();
      means.push({ date: b, mid: mid, events: s ? s.events : 0, mean_goldstein: s ? Math.round(100 * s.total / s.events) / 100 : null });
    }
    // Stack the classes of each bucket here (1 at the bottom): the bars are ranged in x.
    var rows = Object.keys(bars).map(function (k) { return bars[k]; });
    rows.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : a.quad_class - b.quad_class; });
    var base = {};
    rows.forEach(function (row) {
      row.y0 = base[row.date] || 0;
      row.y1 = row.y0 + row.events;
      base[row.date] = row.y1;
    });
    return { unit: unit, bars: rows, means: means };
  }

  function renderTimeline(stats) {
    var data = timelineData(stats.by_day);
    $("timeline-title").textContent = "Events per " + data.unit;
    if (!data.bars.length) { return Promise.resolve(empty("timeline", "No dated events match these filters.")); }
    var axis = { grid: false, labelFontSize: 11, labelOverlap: true, format: data.unit === "day" ? "%d %b %Y" : data.unit === "week" ? "%d %b %Y" : "%b %Y" };
    var when = { field: "date", type: "temporal", title: data.unit + " from", format: "%Y-%m-%d" };
    var spec = {
      width: "container",
      height: 200,
      autosize: { type: "fit", contains: "padding" },
      datasets: { bars: data.bars, means: data.means },
      config: { view: { stroke: null }, axis: { labelColor: "#4b5563", titleColor: "#4b5563", titleFontWeight: 500 } },
      layer: [
        {
          data: { name: "bars" },
          params: [{ name: "brush", select: { type: "interval", encodings: ["x"] } }],
          mark: { type: "bar", stroke: "#ffffff", strokeWidth: 0.3 },
          encoding: {
            x: { field: "date", type: "temporal", title: null, axis: axis },
            x2: { field: "end" },
            y: { field: "y0", type: "quantitative", title: "events", axis: { tickMinStep: 1 } },
            y2: { field: "y1" },
            color: {
              field: "quad", type: "nominal", title: "QuadClass",
              scale: { domain: quadDomain(), range: QUAD_COLORS },
              legend: { orient: "top", direction: "horizontal", title: null, labelFontSize: 11 },
            },
            tooltip: [when, { field: "quad", title: "QuadClass" }, { field: "events", title: "events" }],
          },
        },
        {
          data: { name: "means" },
          mark: { type: "line", color: "#111827", strokeWidth: 1.4, invalid: "break-paths-show-domains", point: { filled: true, size: 18, color: "#111827" } },
          encoding: {
            x: { field: "mid", type: "temporal" },
            y: { field: "mean_goldstein", type: "quantitative", title: "mean Goldstein", scale: { domain: [-10, 10] }, axis: { orient: "right", grid: false, values: [-10, -5, 0, 5, 10] } },
            tooltip: [when, { field: "events", title: "events" }, { field: "mean_goldstein", title: "mean Goldstein" }],
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    };
    return embed("timeline", spec).then(function (view) {
      var range = null;
      view.addSignalListener("brush", function (name, value) {
        var key = Object.keys(value || {})[0];
        range = key && value[key] && value[key].length === 2 ? value[key] : null;
      });
      $("timeline").onpointerup = function () {
        if (!range) { return; }
        var since = new Date(range[0]).toISOString().slice(0, 10);
        var until = new Date(range[1]).toISOString().slice(0, 10);
        range = null;
        var filters = Object.assign({}, state.filters, { since: since, until: until });
        applyFilters(filters);
      };
    });
  }

  // -- dyads -----------------------------------------------------------------------------

  function renderDyads(stats) {
    var rows = stats.dyads.slice(0, 15).map(function (d) {
      return { dyad: d.source + " → " + d.target, source: d.source, target: d.target, events: d.events };
    });
    if (!rows.length) { return Promise.resolve(empty("dyads", "No source → target pairs match these filters.")); }
    var spec = {
      width: "container",
      height: Math.max(120, rows.length * 25),
      autosize: { type: "fit", contains: "padding" },
      datasets: { dyads: rows },
      data: { name: "dyads" },
      config: { view: { stroke: null }, axis: { labelFontSize: 12, labelColor: "#374151" } },
      encoding: {
        y: { field: "dyad", type: "nominal", sort: "-x", title: null, axis: { labelFont: "ui-monospace, Menlo, Consolas, monospace", labelLimit: 220, ticks: false, domain: false } },
        x: { field: "events", type: "quantitative", title: null, axis: { grid: true, tickMinStep: 1, labels: false, domain: false, ticks: false, gridColor: "#f1f5f9" } },
      },
      layer: [
        { mark: { type: "bar", color: "#64748b", cornerRadiusEnd: 2, height: { band: 0.7 }, cursor: "pointer" },
          encoding: { tooltip: [{ field: "dyad", title: "dyad" }, { field: "events", title: "events" }] } },
        { mark: { type: "text", align: "left", dx: 4, fontSize: 11, color: "#374151" },
          encoding: { text: { field: "events" } } },
      ],
    };
    return embed("dyads", spec).then(function (view) {
      view.addEventListener("click", function (event, item) {
        if (item && item.datum && item.datum.source) {
          applyFilters(Object.assign({}, state.filters, { actor: item.datum.source }));
        }
      });
    });
  }

  // -- events table ----------------------------------------------------------------------

  function actorCell(code, name) {
    var node = el("code", { text: code || "–" });
    if (name) { node.title = name; }
    return node;
  }

  function eventRow(e) {
    var cameoName = meta.cameo[e.cameo] || "";
    var eventCell = el("td", { className: "event" }, [
      el("span", { className: "dot q" + e.quad_class, title: quadLabel(e.quad_class) }),
      el("span", { className: "code", text: e.cameo }),
      cameoName,
    ]);
    if (e.factuality && e.factuality !== "asserted") {
      eventCell.appendChild(el("span", { className: "factuality", text: e.factuality }));
    }
    var href = "/articles/" + encodeURIComponent(e.first_article_id) +
      (e.first_mention_id ? "#" + encodeURIComponent(e.first_mention_id) : "");
    var place = e.place_name ? e.place_name + (e.place_country ? " (" + e.place_country + ")" : "") : "";
    var mentions = e.num_mentions > 1 ? " · " + e.num_mentions + " mentions" : "";
    return el("tr", { "data-event-id": e.event_id }, [
      el("td", { className: "date", text: e.date || "–" }),
      el("td", { className: "dyad" }, [actorCell(e.source_code, e.source_name), " → ", actorCell(e.target_code, e.target_name)]),
      eventCell,
      el("td", { className: "num", text: e.goldstein === null ? "–" : e.goldstein.toFixed(1) }),
      el("td", { className: "place", text: place }),
      el("td", { className: "evidence" }, [
        el("a", { href: href, text: e.evidence || "(no evidence stored)" }),
        el("span", { className: "src", text: e.first_article_id + mentions }),
      ]),
    ]);
  }

  function renderRows(rows, append) {
    var body = document.querySelector("#events tbody");
    if (!append) { body.innerHTML = ""; state.rows = []; }
    rows.forEach(function (e) { body.appendChild(eventRow(e)); });
    state.rows = state.rows.concat(rows);
    dashboard.events = state.rows;
    if (!state.rows.length) {
      body.appendChild(el("tr", {}, [el("td", { colspan: "6", className: "empty", text: "No events match these filters." })]));
    }
  }

  function tableNote(total) {
    var shown = state.rows.length;
    $("table-note").textContent = state.place
      ? shown + " events at this place"
      : "showing " + shown + " of " + total + ", by date";
    $("more").hidden = !state.cursor;
  }

  function loadEvents(append) {
    var extra = { limit: PAGE };
    if (append && state.cursor) { extra.cursor = state.cursor; }
    return getJSON("/v1/events?" + query(state.filters, extra)).then(function (page) {
      state.cursor = page.next_cursor;
      renderRows(page.events, append);
      tableNote(dashboard.stats ? dashboard.stats.totals.events : state.rows.length);
    });
  }

  function selectPlace(place) {
    state.place = place;
    var filters = Object.assign({}, state.filters);
    if (place.country) { filters.country = place.country; }
    setStatus("Loading events at " + place.label + "…");
    return getJSON("/v1/events?" + query(filters, { limit: PLACE_PAGE })).then(function (page) {
      var rows = page.events.filter(function (e) {
        return e.place_name === place.name && e.place_lat === place.lat && e.place_lon === place.lon;
      });
      state.cursor = null;
      renderRows(rows, false);
      tableNote(rows.length);
      var chip = $("place-chip");
      chip.innerHTML = "";
      var close = el("button", { type: "button", title: "Show all events again", text: "×" });
      close.addEventListener("click", function () { applyFilters(state.filters); });
      chip.appendChild(el("span", { className: "chip" }, ["Place: " + place.label + " · " + rows.length + " events", close]));
      setStatus("");
      document.querySelector(".table-card").scrollIntoView({ behavior: "smooth", block: "start" });
    }).catch(function (err) { setStatus("Could not load events: " + err.message, true); });
  }

  // -- refresh ---------------------------------------------------------------------------

  function refresh() {
    var seq = ++state.seq;
    dashboard.ready = false;
    setStatus("Loading…");
    $("place-chip").innerHTML = "";
    state.cursor = null;
    var qs = query(state.filters);
    return Promise.all([
      getJSON("/v1/stats" + (qs ? "?" + qs : "")),
      getJSON("/v1/events?" + query(state.filters, { limit: PAGE })),
    ]).then(function (results) {
      if (seq !== state.seq) { return null; }
      var stats = results[0];
      var page = results[1];
      dashboard.stats = stats;
      renderTotals(stats);
      state.cursor = page.next_cursor;
      renderRows(page.events, false);
      tableNote(stats.totals.events);
      return Promise.all([renderMap(stats), renderTimeline(stats), renderDyads(stats)]).then(function () {
        if (seq === state.seq) { dashboard.ready = true; setStatus(""); }
      });
    }).catch(function (err) {
      if (seq === state.seq) { setStatus("Could not load: " + err.message, true); }
    });
  }

  // -- start -----------------------------------------------------------------------------

  form.addEventListener("change", function () { applyFilters(readForm()); });
  form.addEventListener("submit", function (e) { e.preventDefault(); applyFilters(readForm()); });
  $("reset").addEventListener("click", function () { applyFilters({}); });
  $("more").addEventListener("click", function () {
    loadEvents(true).catch(function (err) { setStatus("Could not load: " + err.message, true); });
  });

  setStatus("Loading…");
  Promise.all([getJSON("/assets/meta.json"), getJSON("/assets/world.json"), getJSON("/v1/stats")])
    .then(function (results) {
      meta = results[0];
      world = results[1];
      fillOptions(results[2]);
      return applyFilters(fromURL());
    })
    .catch(function (err) { setStatus("Could not start the dashboard: " + err.message, true); });
})();
