/* Tambon Atlas choropleth: a Streamlit (v1 protocol) component drawing with the local Leaflet.
 *
 * Geometry is fetched once per URL from the app's own static route and kept in memory; every rerun
 * sends only values, classes, colours, legend and texts, which are applied as styles. A click sends
 * {event: "click", code, nonce} back to Python (one script run per click). */
(function () {
  "use strict";

  const mapDiv = document.getElementById("map");
  const state = {
    map: null, layer: null, renderer: null, labels: null, legend: null, basemap: null,
    geometryUrl: null, geometry: null, filter: null, fitKey: null, byCode: {}, args: null,
    files: {}, groups: {}, shownGroups: [], shownPoints: "", popup: null, pointsGen: 0,
    pointLayer: null, pointRenderer: null, fitBounds: null, moved: false,
    pointsChoice: null, pointsKey: "", sentNonce: null, pointsControl: null,
  };

  function post(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data || {}), "*");
  }

  // Every event goes back with a nonce; a map with points also sends its current choice of categories,
  // so a toggle is never lost when a click overtakes its run. Until the page's run echoes the latest
  // nonce (args.points_ack), the map keeps its own choice instead of the run's older one.
  function send(value) {
    value.nonce = Date.now() + Math.random();
    if (state.args && state.args.points && state.args.points.length && state.pointsChoice) {
      value.points = state.pointsChoice.slice();
      state.sentNonce = value.nonce;
    }
    post("streamlit:setComponentValue", { value: value, dataType: "json" });
  }

  let frameHeight = null;
  function setHeight(height) {
    if (height === frameHeight) return;
    frameHeight = height;
    document.body.style.height = height + "px";
    post("streamlit:setFrameHeight", { height: height });
  }

  // Map-first pages (nav.fill): the map takes the rest of the first screen below what is above it,
  // so the whole map and its legend are in view without scrolling, on a laptop and on a projector.
  function fittedHeight() {
    const a = state.args, nav = a && a.nav;
    if (!nav || !nav.fill || !window.frameElement) return a ? a.height || 600 : 600;
    const frame = window.frameElement;
    let top = frame.getBoundingClientRect().top + (window.parent.scrollY || 0);
    for (let node = frame.parentElement; node; node = node.parentElement) top += node.scrollTop || 0;
    const room = window.parent.innerHeight - top - (nav.bottom || 12);
    return Math.round(Math.max(nav.min_height || 360, Math.min(room, nav.max_height || 1600)));
  }

  let watchingPage = false;
  function watchPage() {
    if (watchingPage || !window.frameElement) return;
    watchingPage = true;
    const refit = function () { if (state.args && state.args.nav && state.args.nav.fill) setHeight(fittedHeight()); };
    window.parent.addEventListener("resize", refit);
    // What is above the map may render after it (the page draws the map first): follow the page's size.
    const page = window.parent.document.querySelector('[data-testid="stMainBlockContainer"]');
    if (page && window.parent.ResizeObserver) new window.parent.ResizeObserver(refit).observe(page);
  }

  // A run that drew this frame anew holds the rest of its page until the map has drawn
  // (components/shared/frame_ready.py): tell it once, as soon as the areas are on the map.
  let answeredFrame = null;
  function answerFrame(args) {
    if (!args.frame || args.frame === answeredFrame) return;
    answeredFrame = args.frame;
    const url = appBase(args.base_path) + "_atlas/frame/" + encodeURIComponent(args.frame);
    fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" }).catch(function () {});
  }

  function appBase(basePath) {
    const clean = (basePath || "").replace(/^\/+|\/+$/g, "");
    const origin = window.location.origin;
    return clean ? origin + "/" + clean + "/" : origin + "/";
  }

  // Leaflet focuses the map on mouse down so arrow keys can pan; a plain focus() scrolls the parent
  // page to show the whole map, which moves the polygon away from under the pointer mid-click.
  L.Map.Keyboard.prototype._onMouseDown = function () {
    if (this._focused) return;
    this._map._container.focus({ preventScroll: true });
  };

  function ensureMap() {
    if (state.map) return;
    // A finite zoom range: the cluster plugin builds one grid per zoom level between minZoom and the zoom
    // where clustering stops (CLUSTER_UNTIL); zoom 4 shows all of Thailand in the smallest map.
    state.map = L.map(mapDiv, { zoomSnap: 0.25, attributionControl: true, preferCanvas: false, minZoom: 4, maxZoom: 18 });
    state.map.attributionControl.setPrefix(false);
    state.map.on("click", onMapClick);
    // The frame may change height after the areas were fitted (a map-first page draws the map before
    // what is above it): until the person moves the map, a new size fits the areas again.
    ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (type) {
      mapDiv.addEventListener(type, function () { state.moved = true; }, { passive: true });
    });
    state.map.on("resize", function () {
      if (state.fitBounds && !state.moved) state.map.fitBounds(state.fitBounds, { padding: [12, 12], animate: false });
    });
    state.legend = panel("bottomright", "atlas-legend", false);
    state.crumbs = panel("topright", "atlas-crumbs", true);
  }

  // A box of our own on the map (legend, breadcrumbs, points toggles): clicks in it, and with `scrolls`
  // the wheel, stay in it instead of reaching the map.
  function panel(position, className, scrolls) {
    const control = L.control({ position: position });
    control.onAdd = function () {
      const div = L.DomUtil.create("div", className);
      L.DomEvent.disableClickPropagation(div);
      if (scrolls) L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return control.addTo(state.map);
  }

  // Breadcrumbs and "up one level" on the map (nav.crumbs: country › province › amphoe › tambon). A
  // press sends {event: "crumb", index} or {event: "up"}; the page turns it into the view (one run).
  function drawCrumbs() {
    const nav = state.args.nav;
    const div = state.crumbs.getContainer();
    if (!nav || !nav.crumbs || !nav.crumbs.length) { div.style.display = "none"; return; }
    div.style.display = "";
    const last = nav.crumbs.length - 1;
    let html = "<button type='button' class='atlas-up' data-up='1'" + (last ? "" : " disabled") + ">↑ " +
      escapeHtml(nav.up) + "</button><span class='trail'>";
    nav.crumbs.forEach(function (label, i) {
      if (i) html += "<span class='sep'>›</span>";
      html += "<button type='button' class='atlas-crumb' data-index='" + i + "'" +
        (i === last ? " disabled aria-current='page'" : "") + ">" + escapeHtml(label) + "</button>";
    });
    div.innerHTML = html + "</span>";
    div.querySelectorAll("button").forEach(function (button) {
      button.addEventListener("click", function () {
        send(button.dataset.up ? { event: "up" } : { event: "crumb", index: Number(button.dataset.index) });
      });
    });
  }

  function dataFor(code) { return state.byCode[code]; }

  function styleFor(feature) {
    const a = state.args;
    const d = dataFor(feature.properties.c);
    const cls = d ? d[0] : -1;
    const fill = cls >= 0 ? a.colors[cls] : a.no_data_color;
    const selected = a.selected && feature.properties.c === a.selected;
    return {
      color: selected ? "#111" : "#ffffff", weight: selected ? 3 : 0.8, opacity: 1,
      fillColor: fill, fillOpacity: cls >= 0 ? 0.88 : 0.55,
    };
  }

  // Numbers arrive rounded to the unit's decimals (geo.classify.number_style); printing them with the
  // same decimals and thousands separators gives exactly the text Python's format_value gives.
  function fmt(value, decimals) {
    return Number(value).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function tooltipFor(feature) {
    const a = state.args;
    const p = feature.properties;
    const d = dataFor(p.c);
    const first = a.lang === "en" ? p.en : p.th;
    const second = a.lang === "en" ? p.th : p.en;
    let html = "<div class='atlas-tip'><b>" + escapeHtml(first) + "</b><br>" + escapeHtml(second);
    if (d) {
      const style = a.number_style;
      html += "<br>" + escapeHtml(a.indicator_label) + ": <b>" + escapeHtml(fmt(d[1], style.decimals) + style.suffix) + "</b>";
      if (d[2] != null && d[3] != null) {
        html += "<br>" + escapeHtml(a.texts.parts) + ": " + fmt(d[2], 0) + " / " + fmt(d[3], 0);
      }
      if (d[4] != null) html += "<br>" + escapeHtml(a.texts.rank) + ": " + d[4] + "/" + d[5];
    } else if (a.suppressed && a.suppressed.indexOf(p.c) >= 0) {
      html += "<br>" + escapeHtml(a.indicator_label) + ": <b>" + escapeHtml(a.texts.suppressed || "") + "</b>";
    } else {
      html += "<br>" + escapeHtml(a.texts.no_data);
    }
    return html + "</div>";
  }

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function buildLayer() {
    if (state.layer) { state.map.removeLayer(state.layer); state.layer = null; }
    const prefix = state.filter || "";
    const features = state.geometry.features.filter(function (f) { return f.properties.c.indexOf(prefix) === 0; });
    // SVG keeps every polygon a DOM node (hover, tests); canvas is faster for the national tambon map.
    state.renderer = features.length > 1500 ? L.canvas({ padding: 0.2 }) : L.svg({ padding: 0.2 });
    state.layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
      renderer: state.renderer,
      style: styleFor,
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () { return tooltipFor(feature); }, { sticky: true, direction: "top", opacity: 0.96 });
        layer.on("add", function () {
          const element = layer.getElement && layer.getElement();
          if (element) element.setAttribute("data-code", feature.properties.c);
        });
        layer.on("mouseover", function () { layer.setStyle({ weight: 2.5, color: "#333" }); });
        layer.on("mouseout", function () { state.layer.resetStyle(layer); });
      },
    }).addTo(state.map);
    mapDiv.dataset.drawn = String(features.length);
  }

  // Clicks are resolved on the map by position, not by the event target, so the canvas renderer (national
  // tambon map) and the SVG renderer behave the same.
  function onMapClick(event) {
    // A click on a cluster or a point opens it; it does not select the tambon under it.
    const target = event.originalEvent && event.originalEvent.target;
    if (target && target.closest && target.closest(".marker-cluster, .atlas-point")) return;
    const layer = layerAt(event.latlng);
    if (!layer) return;
    send({ event: "click", code: layer.feature.properties.c });
  }

  function layerAt(latlng) {
    if (!state.layer) return null;
    const x = latlng.lng, y = latlng.lat;
    return state.layer.getLayers().find(function (layer) {
      if (!layer.getBounds().contains(latlng)) return false;
      const geometry = layer.feature.geometry;
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      return polygons.some(function (rings) {
        // Even-odd rule over all rings handles holes.
        let inside = false;
        rings.forEach(function (ring) {
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
            if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
          }
        });
        return inside;
      });
    }) || null;
  }

  function drawLabels(show) {
    if (state.labels) { state.map.removeLayer(state.labels); state.labels = null; }
    if (!show || !state.layer) return;
    const group = L.layerGroup();
    state.layer.eachLayer(function (layer) {
      const p = layer.feature.properties;
      if (!p.lp) return;
      L.tooltip({ permanent: true, direction: "center", className: "atlas-label", interactive: false })
        .setLatLng([p.lp[1], p.lp[0]])
        .setContent(escapeHtml(state.args.lang === "en" ? p.en : p.th))
        .addTo(group);
    });
    group.addTo(state.map);
    state.labels = group;
  }

  function drawLegend() {
    const a = state.args;
    const div = state.legend.getContainer();
    let html = "<h4>" + escapeHtml(a.legend_title) + "</h4>";
    a.legend.forEach(function (row) {
      html += "<div class='row'><span class='swatch' style='background:" + row.color + "'></span><span>" +
        escapeHtml(row.label) + "</span><span class='count'>" + row.count + "</span></div>";
    });
    if (a.legend_note) html += "<div class='note'>" + escapeHtml(a.legend_note) + "</div>";
    if (a.demo_note) html += "<div class='note'>" + escapeHtml(a.demo_note) + "</div>";
    div.innerHTML = html;
  }

  function setBasemap(url, attribution) {
    if (state.basemap) { state.map.removeLayer(state.basemap); state.basemap = null; }
    if (url) {
      state.basemap = L.tileLayer(url, { attribution: attribution || "", maxZoom: 18 }).addTo(state.map);
      state.basemap.bringToBack();
    }
  }

  async function render(args) {
    state.args = args;
    setHeight(fittedHeight());
    watchPage();
    ensureMap();
    mapDiv.dataset.status = "loading";
    // The chosen categories' files download while the areas are fetched and drawn.
    const chosen = chosenPoints(args);
    (args.points || []).forEach(function (entry) {
      if (chosen.indexOf(entry.code) >= 0) fetchOf(entry, appBase(args.base_path)).catch(function () {});
    });
    const url = appBase(args.base_path) + args.geometry_url;
    let rebuild = false;
    if (url !== state.geometryUrl) {
      const response = await fetch(url, { cache: "default" });
      state.geometry = await response.json();
      state.geometryUrl = url;
      rebuild = true;
    }
    if (args.filter !== state.filter) { state.filter = args.filter; rebuild = true; }
    state.byCode = {};
    for (let i = 0; i < args.codes.length; i++) {
      state.byCode[args.codes[i]] = [
        args.classes[i], args.values[i], args.numerators[i], args.denominators[i], args.ranks[i], args.rank_of[i],
      ];
    }
    if (rebuild) buildLayer(); else state.layer.setStyle(styleFor);
    state.map.attributionControl.addAttribution(args.attribution);
    setBasemap(args.basemap_url, args.basemap_attribution);
    drawLegend();
    drawCrumbs();
    drawLabels(args.labels);
    if (args.fit_key !== state.fitKey && state.layer.getLayers().length) {
      state.fitBounds = state.layer.getBounds();
      state.moved = false;
      state.map.fitBounds(state.fitBounds, { padding: [12, 12] });
      state.fitKey = args.fit_key;
    }
    mapDiv.dataset.status = "ready";
    mapDiv.dataset.renderKey = args.render_key || "";
    answerFrame(args);
    drawPointsControl(args);
    // After the areas are drawn and fitted: points never hold up the map.
    await drawPoints(args.points || [], state.pointsChoice);
  }

  // The run's choice, unless the map has sent one the run does not know of yet.
  function chosenPoints(args) {
    const acked = state.sentNonce === null || String(args.points_ack) === String(state.sentNonce);
    if (acked || !state.pointsChoice) state.pointsChoice = (args.points_on || []).slice();
    return state.pointsChoice;
  }

  // One toggle per category, on the map: a press shows or hides the category at once (its file is
  // fetched and clustered the first time) and then reports the choice, only to keep the link current.
  function drawPointsControl(args) {
    const layers = args.points || [];
    const t = args.point_texts || {};
    const key = JSON.stringify([layers.map(function (l) { return [l.code, l.label, l.color, l.count]; }), t]);
    if (!layers.length) {
      if (state.pointsControl) { state.pointsControl.remove(); state.pointsControl = null; state.pointsKey = ""; }
      return;
    }
    if (!state.pointsControl) state.pointsControl = panel("topleft", "atlas-points", true);
    const div = state.pointsControl.getContainer();
    if (key !== state.pointsKey) {
      state.pointsKey = key;
      // Folded to its heading until a category is on, so it covers no area; then as the person left it.
      const open = div.dataset.open ? div.dataset.open !== "0" : (state.pointsChoice || []).length > 0;
      let html = "<button type='button' class='atlas-points-head' aria-expanded='" + open + "' title='" +
        escapeHtml(t.help) + "'><span class='title'>" + escapeHtml(t.title) + "</span>" +
        "<span class='shown'></span></button><div class='atlas-points-list' role='group' aria-label='" +
        escapeHtml(t.title) + "'>";
      layers.forEach(function (layer) {
        html += "<label class='atlas-points-row'><input type='checkbox' data-code='" + escapeHtml(layer.code) +
          "' aria-label='" + escapeHtml(layer.label) + "'" + (layer.count ? "" : " disabled") + "><span class='swatch' style='background:" +
          escapeHtml(layer.color) + "'></span><span class='name'>" + escapeHtml(layer.label) +
          "</span><span class='count'>" + fmt(layer.count, 0) + "</span></label>";
      });
      div.innerHTML = html + "</div>";
      div.dataset.open = open ? "1" : "0";
      div.querySelector(".atlas-points-head").addEventListener("click", function () {
        const now = div.dataset.open === "0";
        div.dataset.open = now ? "1" : "0";
        this.setAttribute("aria-expanded", String(now));
      });
      div.querySelectorAll("input").forEach(function (box) {
        box.addEventListener("change", onPointsToggle);
      });
    }
    syncPointsControl();
  }

  function syncPointsControl() {
    if (!state.pointsControl) return;
    const div = state.pointsControl.getContainer();
    const on = state.pointsChoice || [];
    div.querySelectorAll("input").forEach(function (box) { box.checked = on.indexOf(box.dataset.code) >= 0; });
    const n = (state.args.points || []).reduce(function (sum, l) {
      return sum + (on.indexOf(l.code) >= 0 ? l.count : 0);
    }, 0);
    const shown = div.querySelector(".shown");
    shown.textContent = on.length ? (state.args.point_texts.shown || "{n}").replace("{n}", fmt(n, 0)) : "";
  }

  function onPointsToggle() {
    const div = state.pointsControl.getContainer();
    const checked = [];
    div.querySelectorAll("input").forEach(function (box) { if (box.checked) checked.push(box.dataset.code); });
    // In the categories' own order, as the run and the link write them.
    state.pointsChoice = state.args.points.map(function (l) { return l.code; }).filter(function (code) {
      return checked.indexOf(code) >= 0;
    });
    state.sentNonce = "pressed";  // no run knows of this choice yet: renders keep it until one does
    syncPointsControl();
    // Reported once drawn: the run it starts would otherwise hold the server while it sends the file.
    drawPoints(state.args.points, state.pointsChoice).catch(function (err) {
      mapDiv.dataset.error = String(err);
    }).then(function () { send({ event: "points" }); });
  }

  // Community-asset points: each category's file is fetched once per URL and indexed once by the vendored
  // Supercluster (every zoom level at load, about three times faster than Leaflet.markercluster for 20,000
  // points); on every move only the clusters and single points in view are drawn, in the category's colour.
  // data-points is set once the chosen categories are drawn.
  const CLUSTER_UNTIL = 15;  // from zoom 16 (a few streets) every point stands alone
  const CLUSTER_RADIUS = 50;  // screen pixels

  function fetchOf(entry, base) {
    if (!state.files[entry.url]) {
      state.files[entry.url] = fetch(base + entry.url, { cache: "force-cache" }).then(function (response) {
        if (!response.ok) throw new Error("points " + response.status);
        return response.json();
      }).catch(function (error) {
        delete state.files[entry.url];  // tried again on the next render
        throw error;
      });
    }
    return state.files[entry.url];
  }

  function groupOf(entry, base) {
    if (!state.groups[entry.url]) {
      state.groups[entry.url] = fetchOf(entry, base).then(function (data) { return buildGroup(entry, data); });
      state.groups[entry.url].catch(function () { delete state.groups[entry.url]; });
    }
    return state.groups[entry.url];
  }

  function buildGroup(entry, data) {
    const features = new Array(data.lat.length);
    for (let i = 0; i < features.length; i++) {
      features[i] = { type: "Feature", properties: { i: i }, geometry: { type: "Point", coordinates: [data.lon[i], data.lat[i]] } };
    }
    // Supercluster's tiles are 512 units where Leaflet's are 256 pixels: the radius is given in units.
    const index = new Supercluster({ radius: CLUSTER_RADIUS * 2, minZoom: 0, maxZoom: CLUSTER_UNTIL }).load(features);
    const style = {
      radius: 6, weight: 1.5, color: "#ffffff", fillColor: entry.color, fillOpacity: 0.95,
      bubblingMouseEvents: false, className: "atlas-point", pane: "atlasPoints",
    };
    return { entry: entry, data: data, index: index, count: features.length, style: style };
  }

  function ensurePointLayer() {
    if (state.pointLayer) return;
    state.map.createPane("atlasPoints").style.zIndex = 450;  // over the areas, under the cluster icons
    state.pointRenderer = L.svg({ pane: "atlasPoints", padding: 0.2 });
    state.pointLayer = L.layerGroup().addTo(state.map);
    state.map.on("moveend", redrawPoints);
  }

  // What is in view of the shown categories: clusters as icons, single points as circles.
  function redrawPoints() {
    if (!state.pointLayer) return;
    state.pointLayer.clearLayers();
    if (!state.shownGroups.length) return;
    const view = state.map.getBounds().pad(0.15);
    const box = [view.getWest(), view.getSouth(), view.getEast(), view.getNorth()];
    const zoom = state.map.getZoom();
    state.shownGroups.forEach(function (g) {
      g.index.getClusters(box, zoom).forEach(function (feature) {
        const ll = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
        const p = feature.properties;
        let marker;
        if (p.cluster) {
          marker = L.marker(ll, { icon: clusterIcon(g.entry.color, p.point_count), keyboard: false });
          marker.atlasCluster = { group: g, id: p.cluster_id, n: p.point_count };
          marker.on("click", function () { openCluster(marker); });
        } else {
          marker = L.circleMarker(ll, Object.assign({ renderer: state.pointRenderer }, g.style));
          marker.atlas = { data: g.data, i: p.i, entry: g.entry };
          marker.on("click", function () { openPopup(marker); });
        }
        state.pointLayer.addLayer(marker);
      });
    });
  }

  // A click on a cluster zooms to where it breaks apart.
  function openCluster(marker) {
    const c = marker.atlasCluster;
    const zoom = Math.min(c.group.index.getClusterExpansionZoom(c.id), CLUSTER_UNTIL + 1);
    state.map.setView(marker.getLatLng(), Math.max(zoom, state.map.getZoom() + 1));
  }

  function clusterIcon(color, n) {
    const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    return L.divIcon({
      html: "<div style='background:" + color + "'><span>" + n.toLocaleString("en-US") + "</span></div>",
      className: "marker-cluster atlas-cluster", iconSize: L.point(size, size),
    });
  }

  // One popup for every point.
  function openPopup(marker) {
    if (!marker || !marker.atlas) return;
    if (!state.popup) state.popup = L.popup({ maxWidth: 320, offset: [0, -4] });
    state.popup.setLatLng(marker.getLatLng()).setContent(popupFor(marker)).openOn(state.map);
  }

  function popupFor(marker) {
    const a = state.args, t = a.point_texts || {};
    const d = marker.atlas.data, i = marker.atlas.i;
    const names = d.tambons[d.tambon[i]] || [d.tambon[i], d.tambon[i]];
    let html = "<div class='atlas-tip atlas-popup'><b>" + escapeHtml(d.name[i]) + "</b>";
    html += "<br>" + escapeHtml(t.category) + ": " + escapeHtml(marker.atlas.entry.label);
    html += "<br>" + escapeHtml(t.tambon) + ": " + escapeHtml(a.lang === "en" ? names[1] : names[0]);
    if (d.village[i] != null) html += "<br>" + escapeHtml(t.village) + ": " + d.village[i];
    return html + "</div>";
  }

  // Shows exactly the categories of `codes`. Toggles and renders may overlap: each call takes a generation,
  // and one that a newer call overtook while it waited for a file changes nothing.
  async function drawPoints(layers, codes) {
    const wanted = layers.filter(function (l) { return codes.indexOf(l.code) >= 0; });
    const key = wanted.map(function (p) { return p.url; }).join("|");
    if (key === state.shownPoints) return;
    const gen = ++state.pointsGen;
    const base = appBase(state.args.base_path);
    const shown = await Promise.all(wanted.map(function (entry) { return groupOf(entry, base); }));
    if (gen !== state.pointsGen) return;
    ensurePointLayer();
    state.shownGroups = shown;
    redrawPoints();
    state.shownPoints = key;
    mapDiv.dataset.points = String(shown.reduce(function (n, g) { return n + g.count; }, 0));
  }

  function shownOnMap(wanted, extra) {
    if (!state.map) return [];
    const box = mapDiv.getBoundingClientRect(), bounds = state.map.getBounds().pad(0.02);
    const found = [];
    state.map.eachLayer(function (layer) {
      if (!wanted(layer) || !bounds.contains(layer.getLatLng())) return;
      const p = state.map.latLngToContainerPoint(layer.getLatLng());
      found.push(Object.assign({ x: p.x + box.left, y: p.y + box.top }, extra ? extra(layer) : {}));
    });
    return found;
  }

  // For tests and the benchmark: where a person would point to hit an area (its label point lies inside).
  window.atlasMap = {
    hit: function (x, y) {
      const layer = layerAt(state.map.containerPointToLatLng([x, y]));
      return layer ? layer.feature.properties.c : null;
    },
    codes: function () {
      return state.layer ? state.layer.getLayers().map(function (l) { return l.feature.properties.c; }) : [];
    },
    // Where the single (unclustered) points and the cluster icons inside the view are, in the frame's
    // coordinates, read from the layers on the map.
    visiblePoints: function () { return shownOnMap(function (layer) { return layer.atlas; }); },
    visibleClusters: function () {
      return shownOnMap(function (layer) { return layer.atlasCluster; }, function (layer) {
        return { n: layer.atlasCluster.n };
      });
    },
    pointOf: function (code) {
      const layer = state.layer && state.layer.getLayers().find(function (l) { return l.feature.properties.c === code; });
      if (!layer) return null;
      const lp = layer.feature.properties.lp;
      const point = state.map.latLngToContainerPoint(lp ? [lp[1], lp[0]] : layer.getCenter());
      const box = mapDiv.getBoundingClientRect();
      return { x: point.x + box.left, y: point.y + box.top };
    },
  };

  let queue = Promise.resolve();
  window.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== "streamlit:render") return;
    const raw = event.data.args;
    const args = typeof raw.spec === "string" ? JSON.parse(raw.spec) : raw;  // MapSpec.to_json()
    if (raw.nav) args.nav = typeof raw.nav === "string" ? JSON.parse(raw.nav) : raw.nav;
    if (raw.frame) args.frame = raw.frame;
    // Renders run one after another so a slow geometry fetch never races a newer rerun.
    queue = queue.then(function () { return render(args); }).catch(function (err) {
      mapDiv.dataset.status = "error";
      mapDiv.dataset.error = String(err);
      answerFrame(args);  // a run waiting for this frame goes on at once
    });
  });
  post("streamlit:componentReady", { apiVersion: 1 });
})();
