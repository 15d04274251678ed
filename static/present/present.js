/* Tambon Atlas presentation: a Streamlit (v1 protocol) component holding every slide of the deck.
 *
 * Stepping happens here, in the browser, so it is instant and a key press is never lost to a rerun:
 * arrows, Page Up/Down (what a presenter's clicker sends), space, Home/End, and F for full screen.
 * Keys are heard in this frame and in the page around it (same origin), so the presenter need not
 * click into the slide first. The slide number goes back to Python only to keep the link current,
 * a moment after the last key, so a burst of presses costs one script run. */
(function () {
  "use strict";

  const deckDiv = document.getElementById("deck");
  const state = { id: null, total: 0, current: 1, reportTimer: null, reported: null, labels: {} };
  const NEXT = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"]);
  const PREV = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);

  function post(type, data) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, data || {}), "*");
  }

  // Room left on the screen for the bar below the slide and the download row under this frame.
  const RESERVED_PX = 150;

  function fitHeight() {
    const full = document.body.classList.contains("full");
    if (!full) {
      let screenHeight = window.innerHeight;
      try { screenHeight = window.parent.innerHeight; } catch (err) { /* another origin */ }
      const width = Math.min(document.body.clientWidth, (screenHeight - RESERVED_PX) * 16 / 9);
      deckDiv.style.width = Math.max(320, Math.floor(width)) + "px";
    } else {
      deckDiv.style.width = "";
    }
    const height = full ? window.innerHeight : document.body.scrollHeight;
    post("streamlit:setFrameHeight", { height: Math.ceil(height) });
  }

  function show(number) {
    const slides = deckDiv.querySelectorAll(".atlas-slide");
    const target = Math.min(Math.max(1, number), state.total);
    slides.forEach(function (slide, i) { slide.classList.toggle("current", i + 1 === target); });
    state.current = target;
    deckDiv.dataset.current = String(target);
    document.getElementById("position").textContent = target + " / " + state.total;
    document.getElementById("prev").disabled = target <= 1;
    document.getElementById("next").disabled = target >= state.total;
    scheduleReport();
  }

  function scheduleReport() {
    clearTimeout(state.reportTimer);
    state.reportTimer = setTimeout(function () {
      if (state.reported === state.current) return;
      state.reported = state.current;
      post("streamlit:setComponentValue", { value: { deck: state.id, slide: state.current }, dataType: "json" });
    }, 600);
  }

  function step(delta) { show(state.current + delta); }

  function toggleFull() {
    const doc = document;
    if (doc.fullscreenElement) { doc.exitFullscreen(); return; }
    if (doc.documentElement.requestFullscreen) doc.documentElement.requestFullscreen().catch(function () {});
  }

  function onKey(event) {
    if (!state.total || event.altKey || event.ctrlKey || event.metaKey) return;
    const tag = (event.target && event.target.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (event.target && event.target.isContentEditable)) return;
    let handled = true;
    if (NEXT.has(event.key)) step(1);
    else if (PREV.has(event.key)) step(-1);
    else if (event.key === "Home") show(1);
    else if (event.key === "End") show(state.total);
    else if (event.key === "f" || event.key === "F") toggleFull();
    else handled = false;
    if (handled) { event.preventDefault(); event.stopPropagation(); }
  }

  function render(args) {
    if (args.deck_id !== state.id) {
      const style = document.getElementById("slide-css") || document.head.appendChild(document.createElement("style"));
      style.id = "slide-css";
      style.textContent = args.css;
      deckDiv.innerHTML = args.slides.join("");
      state.id = args.deck_id;
      state.total = args.slides.length;
      state.reported = args.start;
      document.getElementById("full").textContent = args.labels.full;
      document.getElementById("prev").title = args.labels.prev;
      document.getElementById("next").title = args.labels.next;
      show(args.start);
      deckDiv.dataset.status = "ready";
    }
    fitHeight();
  }

  document.addEventListener("keydown", onKey, true);
  try {  // the page around the frame: same origin, so the presenter's keys reach us without a click
    const outer = window.parent.document;
    outer.addEventListener("keydown", onKey, true);
    // Leaving the presentation removes this frame: stop listening to the page it leaves behind.
    window.addEventListener("pagehide", function () { outer.removeEventListener("keydown", onKey, true); });
  } catch (err) { /* another origin: keys work once the slide has focus */ }
  document.getElementById("prev").addEventListener("click", function () { step(-1); });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  document.getElementById("full").addEventListener("click", toggleFull);
  document.addEventListener("fullscreenchange", function () {
    document.body.classList.toggle("full", Boolean(document.fullscreenElement));
    fitHeight();
  });
  window.addEventListener("resize", fitHeight);
  try { window.parent.addEventListener("resize", fitHeight); } catch (err) { /* another origin */ }
  window.addEventListener("message", function (event) {
    if (!event.data || event.data.type !== "streamlit:render") return;
    render(event.data.args);
  });
  window.atlasPresent = { state: state, step: step, show: show };  // for the browser tests
  post("streamlit:componentReady", { apiVersion: 1 });
})();
