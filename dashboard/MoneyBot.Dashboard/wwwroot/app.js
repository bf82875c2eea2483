// MoneyBot dashboard: one page, three kinds of views (#/programs, #/extgap/NAME, #/orderflow/SYMBOL), kept up to date
// by the server-sent events of /events. No framework: the DOM is built here and updated in place.
// window.mbDashboard exposes what the charts hold (for people debugging, and for the browser tests).
"use strict";

(function () {
  const LWC = window.LightweightCharts;
  let csrf = document.querySelector('meta[name="csrf-token"]').content; // renewed by each "hello" event
  const view = document.getElementById("view");
  const state = {
    catalog: null,
    programs: null, // the last "programs" event
    programsAt: 0, // when it came (Date.now())
    logs: {},
    extgapVersions: {},
    orderflow: {},
    page: null, // the current view's controller
  };
  const errors = []; // script errors of this page (the browser tests fail on any)
  window.addEventListener("error", (e) => errors.push(String(e.message)));
  window.addEventListener("unhandledrejection", (e) => errors.push(String(e.reason)));
  const exposed = {
    programs: () => state.programs,
    page: () => (state.page ? state.page.inspect() : null),
    errors: () => errors.slice(),
  };
  window.mbDashboard = exposed;

  // ---- small helpers -------------------------------------------------------------------------------------------
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  function setText(node, text) {
    const value = text === null || text === undefined ? "" : String(text);
    if (node.textContent !== value) node.textContent = value;
  }
  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "";
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
    const m = Math.floor(seconds % 3600 / 60), s = Math.floor(seconds % 60);
    return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
  }
  function signed(value, digits) {
    if (value === null || value === undefined) return "";
    const n = Number(value);
    return (n > 0 ? "+" : "") + n.toFixed(digits === undefined ? 2 : digits);
  }
  function signClass(value) { return Number(value) > 0 ? "pos" : Number(value) < 0 ? "neg" : ""; }
  function time(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    return isNaN(date) ? String(iso) : date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  }
  async function getJson(url) {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && body.message) || `${url}: HTTP ${response.status}`);
    return body;
  }
  function program(name) {
    return state.programs && state.programs.programs.find((p) => p.name === name);
  }
  // Is a program healthy enough for its data to be trusted? {level: ok|down|stale|unknown, text}
  const staleAfterMs = 5000; // no "programs" event for this long: what the page shows is old
  function updatesLate() { return state.programs !== null && Date.now() - state.programsAt > staleAfterMs; }
  function health(name) {
    if (!state.programs) return { level: "unknown", text: "waiting for the supervisor's answer…" };
    if (updatesLate())
      return { level: "down", text: `no update since ${new Date(state.programsAt).toISOString()}: the states shown are old` };
    if (!state.programs.daemon_up) return { level: "down", text: `supervisor: ${state.programs.error}` };
    const p = program(name);
    if (!p) return { level: "down", text: `${name} is not a program of the running daemon (reload the config?)` };
    if (p.state !== "RUNNING") {
      const why = p.reason || p.status_text || "";
      return { level: "down", text: `${name} is ${p.state}${why ? ": " + why : ""} — the data below may be old` };
    }
    const status = p.status_text || "";
    if (/no market data since|market is behind|stale/i.test(status))
      return { level: "stale", text: `${name} is running but stale: ${status}` };
    return { level: "ok", text: status };
  }
  function banner(node, h) {
    node.className = "banner " + h.level;
    node.dataset.health = h.level;
    setText(node, h.level === "ok" ? "" : h.text);
    node.hidden = h.level === "ok";
  }
  function chartOptions(height) {
    return {
      height: height,
      layout: { background: { color: "#182028" }, textColor: "#d8dee6", attributionLogo: true },
      grid: { vertLines: { color: "#222c36" }, horzLines: { color: "#222c36" } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { borderColor: "#3a4754" },
      autoSize: true,
    };
  }
  function overlay(container, text) {
    let node = container.querySelector(".overlay");
    if (!text) { if (node) node.remove(); container.dataset.unavailable = "false"; return; }
    if (!node) { node = el("div", { class: "overlay" }); container.append(node); }
    setText(node, text);
    container.dataset.unavailable = "true";
  }

  // ---- confirmation and actions ------------------------------------------------------------------------------------
  function confirmAction(text) {
    const dialog = document.getElementById("confirm");
    setText(document.getElementById("confirm-text"), text);
    dialog.hidden = false;
    return new Promise((resolve) => {
      const done = (answer) => {
        dialog.hidden = true;
        yes.removeEventListener("click", onYes);
        no.removeEventListener("click", onNo);
        resolve(answer);
      };
      const yes = document.getElementById("confirm-yes"), no = document.getElementById("confirm-no");
      const onYes = () => done(true), onNo = () => done(false);
      yes.addEventListener("click", onYes);
      no.addEventListener("click", onNo);
      yes.focus();
    });
  }
  async function act(name, action, result) {
    if (!(await confirmAction(`${action} ${name}?`))) return;
    result.dataset.ok = "";
    setText(result, `${action} ${name}…`);
    try {
      const response = await fetch(`/api/programs/${encodeURIComponent(name)}/${action}`, {
        method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrf },
      });
      const body = await response.json().catch(() => ({ ok: false, message: `HTTP ${response.status}` }));
      result.dataset.ok = String(body.ok);
      setText(result, `${action} ${name}: ${body.message}`);
    } catch (e) {
      result.dataset.ok = "false";
      setText(result, `${action} ${name}: ${e.message}`);
    }
  }

  // ---- Programs view ----------------------------------------------------------------------------------------------
  function programsView() {
    const body = el("tbody");
    const result = el("p", { id: "action-result", "aria-live": "polite" });
    const table = el("table", { id: "programs" },
      el("thead", {}, el("tr", {}, ...["program", "group", "state", "pid", "uptime", "restarts", "last exit",
        "status", "", ""].map((h) => el("th", { text: h })))), body);
    view.replaceChildren(el("h2", { text: "Programs" }), table, result);
    const rows = new Map();
    function row(p) {
      let r = rows.get(p.name);
      if (r) return r;
      const cells = {};
      for (const key of ["name", "group", "state", "pid", "uptime", "restarts", "exit", "status"])
        cells[key] = el("td", { class: "col-" + key });
      cells.state.append(el("span", { class: "state" }));
      const actions = el("td", { class: "actions" });
      for (const action of ["restart", "stop", "start"]) {
        const button = el("button", { type: "button", dataset: { action: action }, text: action });
        button.addEventListener("click", async () => {
          actions.querySelectorAll("button").forEach((b) => (b.disabled = true));
          try { await act(p.name, action, result); } finally { render(); }
        });
        actions.append(button);
      }
      const logs = el("details", { class: "logs" }, el("summary", { text: "logs" }),
        el("div", { class: "muted", text: "stdout" }), el("pre", { class: "log stdout" }),
        el("div", { class: "muted", text: "stderr" }), el("pre", { class: "log stderr" }));
      const tr = el("tr", { dataset: { program: p.name } }, cells.name, cells.group, cells.state, cells.pid,
        cells.uptime, cells.restarts, cells.exit, cells.status, actions, el("td", {}, logs));
      body.append(tr);
      r = { tr, cells, actions, logs };
      rows.set(p.name, r);
      return r;
    }
    function render() {
      const snapshot = state.programs;
      if (!snapshot) return;
      const seen = new Set();
      for (const p of snapshot.programs) {
        seen.add(p.name);
        const r = row(p);
        r.tr.dataset.state = p.state;
        r.tr.dataset.pid = p.pid === null ? "" : String(p.pid);
        setText(r.cells.name, p.name);
        setText(r.cells.group, p.group || "");
        const badge = r.cells.state.firstChild;
        badge.dataset.state = p.state;
        setText(badge, p.state + (p.stopped_by_operator ? " (by operator)" : ""));
        setText(r.cells.pid, p.pid === null ? "" : p.pid);
        setText(r.cells.uptime, duration(p.uptime_s));
        setText(r.cells.restarts, p.restarts);
        setText(r.cells.exit, p.last_exit ? `${p.last_exit}${p.last_exit_at ? " at " + time(p.last_exit_at) : ""}` : "");
        const next = p.next_retry_at ? ` · next try ${time(p.next_retry_at)}` : "";
        setText(r.cells.status, (p.status_text || p.reason || "") + next);
        const busy = p.state === "STARTING" || p.state === "STOPPING";
        r.actions.querySelector('[data-action="start"]').disabled = p.state === "RUNNING" || busy;
        r.actions.querySelector('[data-action="stop"]').disabled = p.state === "STOPPED" || busy;
        r.actions.querySelector('[data-action="restart"]').disabled = busy;
        const tail = state.logs[p.name];
        if (tail) {
          setText(r.logs.querySelector(".stdout"), tail.stdout.join("\n"));
          setText(r.logs.querySelector(".stderr"), tail.stderr.join("\n"));
        }
      }
      for (const [name, r] of rows) if (!seen.has(name)) { r.tr.remove(); rows.delete(name); }
    }
    render();
    return {
      onPrograms: render, onLogs: render, dispose() {},
      inspect: () => ({ view: "programs", rows: [...rows.keys()] }),
    };
  }

  // ---- ext-gap view -----------------------------------------------------------------------------------------------
  function extgapView(name) {
    const entry = state.catalog.ext_gap.find((b) => b.program === name);
    if (!entry) return missingView(`No ext-gap bot '${name}' in ${state.catalog.config}.`);
    const healthBanner = el("div", { id: "bot-health", class: "banner" });
    const problems = el("div", { id: "bot-problems", class: "banner error", hidden: true });
    const tiles = el("div", { class: "tiles", id: "bot-tiles" });
    const price = el("div", { class: "chart", id: "price-chart" });
    const cumulative = el("div", { class: "chart small", id: "cumulative-chart" });
    const daily = el("div", { class: "chart small", id: "daily-chart" });
    const trades = el("tbody");
    view.replaceChildren(
      el("h2", { text: `${name}: ${entry.symbol} ${entry.timeframe} — gaps, trades, P&L` }),
      healthBanner, problems, tiles, price,
      el("div", { class: "charts-row" },
        el("div", {}, el("h2", { text: "Cumulative P&L (USD, closed trades)" }), cumulative),
        el("div", {}, el("h2", { text: "P&L per UTC day" }), daily)),
      el("h2", { text: "Latest closed trades" }),
      el("table", { id: "trades" }, el("thead", {}, el("tr", {}, ...["closed", "side", "entry", "exit", "P&L",
        "reason", "status"].map((h) => el("th", { text: h })))), trades));

    const chart = LWC.createChart(price, chartOptions(420));
    const candles = chart.addSeries(LWC.CandlestickSeries, {
      upColor: "#26a69a", downColor: "#ef5350", wickUpColor: "#26a69a", wickDownColor: "#ef5350", borderVisible: false,
    });
    const markers = LWC.createSeriesMarkers(candles, []);
    let levels = []; // one line series per gap: its level from its opening bar
    let positionLine = null;
    const pnlChart = LWC.createChart(cumulative, chartOptions(200));
    const pnlLine = pnlChart.addSeries(LWC.LineSeries, { color: "#4c8dff", lineWidth: 2 });
    const dayChart = LWC.createChart(daily, chartOptions(200));
    const dayBars = dayChart.addSeries(LWC.HistogramSeries, {});
    let data = null, loading = false, again = false, fitted = false, loadError = null;

    function renderHealth() {
      const h = health(name);
      if (loadError) banner(healthBanner, { level: "error", text: loadError });
      else if (data && data.candles_error) banner(healthBanner, { level: "down", text: data.candles_error });
      else banner(healthBanner, h);
      document.body.dataset.botHealth = healthBanner.dataset.health;
    }
    function tile(label, value, cls, id) {
      return el("div", { class: "tile", id: id }, el("span", { class: "label", text: label }),
        el("span", { class: "value " + (cls || ""), text: value }));
    }
    function render(d) {
      data = d;
      renderHealth();
      problems.hidden = d.problems.length === 0;
      setText(problems, d.problems.join("\n"));
      const t = d.totals;
      const p = d.position;
      tiles.replaceChildren(
        tile("wins / losses / even", `${t.wins} / ${t.losses} / ${t.breakevens}`, "", "tile-wins"),
        tile("cumulative P&L", signed(t.cumulative_pnl), signClass(t.cumulative_pnl), "tile-pnl"),
        tile("fees", Number(t.cumulative_fees).toFixed(2), "", "tile-fees"),
        tile("position", p ? `${p.side} at ${p.entry_price}` : d.pending_entry ? `entering ${d.pending_entry}` : "flat",
          "", "tile-position"),
        tile("unrealized", p && p.unrealized_pnl !== null ? signed(p.unrealized_pnl) : "",
          p ? signClass(p.unrealized_pnl) : "", "tile-unrealized"),
        tile("gaps (file)", String(d.gaps_total), "", "tile-gaps"),
        tile("trades (file)", String(d.trades_total), "", "tile-trades"));

      overlay(price, d.candles_error ? `No candles: ${d.candles_error}` : d.candles.length === 0 ? "No candles yet" : "");
      candles.setData(d.candles.map((c) => ({ time: c.time, open: +c.open, high: +c.high, low: +c.low, close: +c.close })));
      for (const series of levels) chart.removeSeries(series);
      levels = [];
      const firstBar = d.candles.length ? d.candles[0].time : Infinity;
      const lastBar = d.candles.length ? d.candles[d.candles.length - 1].time : -Infinity;
      const drawn = (t) => t >= firstBar && t <= lastBar; // a marker off the candles would sit on the wrong bar
      const list = [];
      d.gaps.forEach((g, i) => {
        const bullish = g.polarity === "bullish";
        const color = bullish ? "#26a69a" : "#ef5350";
        const end = i === d.gaps.length - 1 ? Math.max(lastBar, g.detection_bar) : g.detection_bar;
        const line = chart.addSeries(LWC.LineSeries, {
          color: color, lineWidth: 1, lineStyle: 2, lastValueVisible: false, priceLineVisible: false,
          crosshairMarkerVisible: false, title: "",
        });
        const from = Math.max(g.opening_bar, firstBar);
        const points = [{ time: from, value: +g.level }];
        if (end > from) points.push({ time: end, value: +g.level });
        line.setData(points);
        line.gap = g;
        levels.push(line);
        list.push({ id: `gap-${i}`, time: g.detection_bar, position: bullish ? "belowBar" : "aboveBar", color: color,
          shape: bullish ? "arrowUp" : "arrowDown", text: `#${g.sequence}` }); // polarity: arrow and colour; level: the dashed line
      });
      d.trades.forEach((t, i) => {
        const long = t.side === "LONG";
        if (drawn(t.entry_bar)) list.push({ id: `entry-${i}`, time: t.entry_bar, position: long ? "belowBar" : "aboveBar", color: "#4c8dff",
          shape: "circle", text: `${t.side} ${t.entry_price}` });
        if (drawn(t.exit_bar)) list.push({ id: `exit-${i}`, time: t.exit_bar, position: "inBar", color: Number(t.realized_pnl) >= 0 ? "#26a69a" : "#ef5350",
          shape: "square", text: `exit ${signed(t.realized_pnl)}` });
      });
      if (p && drawn(p.entry_bar)) list.push({ id: "open-entry", time: p.entry_bar, position: p.side === "LONG" ? "belowBar" : "aboveBar",
        color: "#f0b429", shape: "circle", text: `open ${p.side} ${p.entry_price}` });
      list.sort((a, b) => a.time - b.time);
      markers.setMarkers(list);
      if (positionLine) { candles.removePriceLine(positionLine); positionLine = null; }
      if (p) positionLine = candles.createPriceLine({ price: +p.entry_price, color: "#f0b429", lineWidth: 1, lineStyle: 0,
        axisLabelVisible: true, title: `${p.side} entry` });
      if (!fitted && d.candles.length) { chart.timeScale().fitContent(); fitted = true; }

      pnlLine.setData(d.cumulative_pnl.map((x) => ({ time: x.time, value: +x.value })));
      dayBars.setData(d.daily_pnl.map((x) => ({ time: x.time, value: +x.pnl, color: +x.pnl >= 0 ? "#26a69a" : "#ef5350" })));
      pnlChart.timeScale().fitContent();
      dayChart.timeScale().fitContent();
      trades.replaceChildren(...d.trades.slice(-20).reverse().map((t) => el("tr", {},
        el("td", { text: time(t.close_time) }), el("td", { text: t.side }), el("td", { text: t.entry_price }),
        el("td", { text: t.exit_price }), el("td", { class: signClass(t.realized_pnl), text: signed(t.realized_pnl) }),
        el("td", { text: t.close_reason }), el("td", { text: t.status }))));
      price.dataset.version = d.version;
    }
    async function load() {
      if (loading) { again = true; return; }
      loading = true;
      try {
        const d = await getJson(`/api/extgap/${encodeURIComponent(name)}`);
        loadError = null;
        render(d);
      } catch (e) {
        loadError = `the dashboard could not read ${name}: ${e.message}`;
        overlay(price, loadError);
        renderHealth();
      } finally {
        loading = false;
        if (again) { again = false; load(); }
      }
    }
    load();
    const refresh = setInterval(load, 5000); // the forming candle moves even when no file changes
    return {
      onPrograms: renderHealth,
      onExtgap(versions) { if (data && versions[name] !== data.version) load(); },
      dispose() { clearInterval(refresh); chart.remove(); pnlChart.remove(); dayChart.remove(); },
      inspect() {
        const range = chart.timeScale().getVisibleRange();
        const inRange = (t) => range !== null && t >= range.from && t <= range.to;
        const set = markers.markers();
        return {
          view: "extgap", program: name, version: data && data.version, health: healthBanner.dataset.health,
          candles: data ? data.candles.length : 0, candlesError: data && data.candles_error,
          visibleFrom: range && range.from, visibleTo: range && range.to,
          gapMarkers: set.filter((m) => m.id.startsWith("gap-")).length,
          gapMarkersInRange: set.filter((m) => m.id.startsWith("gap-") && inRange(m.time)).length,
          gapLevels: levels.length,
          gapLevelsInRange: levels.filter((s) => inRange(s.gap.detection_bar)).length,
          entryMarkers: set.filter((m) => m.id.startsWith("entry-")).length,
          exitMarkers: set.filter((m) => m.id.startsWith("exit-")).length,
          openPosition: data && data.position,
          cumulativePoints: pnlLine.data().length, dailyBars: dayBars.data().length,
        };
      },
    };
  }

  // ---- order-flow view --------------------------------------------------------------------------------------------
  const tierColors = { small: "#8a96a3", medium: "#4c8dff", large: "#f0b429", whale: "#e040fb" };
  const tierSizes = { small: 0.5, medium: 1, large: 1.5, whale: 2.2 };
  function orderflowView(symbol) {
    const entry = state.catalog.order_flow.find((b) => b.symbol === symbol);
    if (!entry) return missingView(`No order-flow bot follows '${symbol}'.`);
    const healthBanner = el("div", { id: "flow-health", class: "banner" });
    const bucket = el("select", { id: "of-bucket", "aria-label": "delta bucket" },
      ...["30s", "60s", "300s"].map((b) => el("option", { value: b, text: b, selected: b === "60s" })));
    const tiles = el("div", { class: "tiles", id: "of-tiles" });
    const price = el("div", { class: "chart", id: "of-price-chart" });
    const cvd = el("div", { class: "chart small", id: "of-cvd-chart" });
    const delta = el("div", { class: "chart small", id: "of-delta-chart" });
    view.replaceChildren(
      el("h2", { text: `Order flow: ${symbol} (${entry.program})` }), healthBanner,
      el("label", {}, "delta window and histogram bucket: ", bucket), tiles,
      el("h2", { text: "Price (1m), whale trades by tier, absorption zones" }), price,
      el("div", { class: "charts-row" },
        el("div", {}, el("h2", { text: "CVD, one-minute bars" }), cvd),
        el("div", {}, el("h2", { text: "Delta per bucket (base asset)" }), delta)));
    const priceChart = LWC.createChart(price, chartOptions(420));
    const candles = priceChart.addSeries(LWC.CandlestickSeries, {
      upColor: "#26a69a", downColor: "#ef5350", wickUpColor: "#26a69a", wickDownColor: "#ef5350", borderVisible: false,
    });
    const whales = LWC.createSeriesMarkers(candles, []);
    let zoneBoxes = [], zoneKey = ""; // each active zone: its low and high edges from where it was first seen
    const cvdChart = LWC.createChart(cvd, chartOptions(200));
    const cvdBars = cvdChart.addSeries(LWC.CandlestickSeries, {
      upColor: "#26a69a", downColor: "#ef5350", wickUpColor: "#26a69a", wickDownColor: "#ef5350", borderVisible: false,
    });
    const cvdLine = cvdChart.addSeries(LWC.LineSeries, { color: "#4c8dff", lineWidth: 1, lastValueVisible: false,
      priceLineVisible: false });
    const deltaChart = LWC.createChart(delta, chartOptions(200));
    const deltaBars = deltaChart.addSeries(LWC.HistogramSeries, {});
    let data = null, loading = false, again = false, fitted = false, loadError = null;

    function tile(label, value, id, cls) {
      return el("div", { class: "tile", id: id }, el("span", { class: "label", text: label }),
        el("span", { class: "value " + (cls || ""), text: value === null || value === undefined ? "—" : String(value) }));
    }
    function renderHealth() {
      const h = health(entry.program);
      if (loadError) banner(healthBanner, { level: "error", text: loadError });
      else if (data && data.metrics_error) banner(healthBanner, { level: "down", text: data.metrics_error });
      else if (data && data.metrics && data.metrics.stale) {
        const status = (state.orderflow[entry.program] || {}).status;
        const s = status && status.symbols ? status.symbols.find((x) => x.symbol === symbol) : null;
        const since = s && s.last_trade_received_at ? `last trade received ${time(s.last_trade_received_at)}` : "no trade yet";
        banner(healthBanner, { level: "stale", text: `STALE: ${symbol}'s trade feed has stopped (${since}); figures age out` });
      } else banner(healthBanner, h);
      document.body.dataset.flowHealth = healthBanner.dataset.health;
    }
    function render(d) {
      data = d;
      renderHealth();
      const m = d.metrics, s = d.series;
      const status = (state.orderflow[entry.program] || {}).status;
      const sym = status && status.symbols ? status.symbols.find((x) => x.symbol === symbol) : null;
      if (m) {
        const w = m.windows[0];
        tiles.replaceChildren(
          tile("feed", m.stale ? "STALE" : "live", "of-stale", m.stale ? "neg" : "pos"),
          tile(`delta ${w.window}`, w.delta_qty, "of-delta", signClass(w.delta_qty)),
          tile(`buy / sell ${w.window}`, `${w.buy_qty} / ${w.sell_qty}`, "of-buysell"),
          tile("CVD", `${m.cvd.value} (${m.cvd.trend})`, "of-cvd", signClass(m.cvd.slope)),
          tile("pressure", `${m.pressure.dominant} ${m.pressure.ratio}`, "of-pressure"),
          tile("book imbalance", m.book ? `${m.book.ratio} (${m.book.normalised})` : null, "of-book"),
          tile("feed lag", sym && sym.feed_lag_ms !== null ? `${sym.feed_lag_ms} ms` : null, "of-lag"),
          tile("absorption zones", m.zones.length, "of-zones"),
          tile("whales (recent)", m.recent_whales.length, "of-whales"),
          tile("at", time(m.time), "of-time"));
        const deltaTile = document.getElementById("of-delta");
        deltaTile.dataset.timeMs = String(m.time_ms);
        deltaTile.dataset.window = w.window;
        document.getElementById("of-stale").dataset.stale = String(m.stale);
      } else {
        tiles.replaceChildren(tile("feed", "unavailable", "of-stale", "neg"));
        document.getElementById("of-stale").dataset.stale = "unknown";
      }
      overlay(price, d.candles_error ? `No candles: ${d.candles_error}` : "");
      candles.setData(d.candles.map((c) => ({ time: c.time, open: +c.open, high: +c.high, low: +c.low, close: +c.close })));
      const first = d.candles.length ? d.candles[0].time : Infinity;
      const last = d.candles.length ? d.candles[d.candles.length - 1].time + 60 : -Infinity;
      whales.setMarkers(m ? m.recent_whales.filter((x) => x.time_ms / 1000 >= first && x.time_ms / 1000 < last).map((x) => ({
        time: Math.floor(x.time_ms / 60000) * 60, position: x.side === "BUY" ? "belowBar" : "aboveBar",
        color: tierColors[x.tier] || "#ffffff", shape: x.side === "BUY" ? "arrowUp" : "arrowDown",
        size: tierSizes[x.tier] || 1, text: x.tier === "small" ? "" : `${x.tier} ${x.qty}`, id: `whale-${x.id}`,
      })).sort((a, b) => a.time - b.time) : []);
      const zones = m && d.candles.length ? m.zones : [];
      const key = JSON.stringify([zones.map((z) => [z.price_low, z.price_high, z.first_seen_ms]), first, last]);
      if (key !== zoneKey) {
        zoneKey = key;
        for (const series of zoneBoxes) priceChart.removeSeries(series);
        zoneBoxes = [];
        for (const z of zones) {
          const color = z.acts_as === "support" ? "#26a69a" : "#ef5350";
          const from = Math.min(Math.max(Math.floor(z.first_seen_ms / 60000) * 60, first), last - 60);
          for (const [price, edge] of [[+z.price_low, "low"], [+z.price_high, "high"]]) {
            const line = priceChart.addSeries(LWC.LineSeries, { color, lineWidth: 2, lineStyle: 0,
              lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false,
              title: edge === "high" ? `${z.acts_as} zone (strength ${z.strength})` : "" });
            const points = [{ time: from, value: price }];
            if (last - 60 > from) points.push({ time: last - 60, value: price });
            line.setData(points);
            zoneBoxes.push(line);
          }
        }
      }
      overlay(cvd, d.series_error ? `No series: ${d.series_error}` : "");
      overlay(delta, d.series_error ? `No series: ${d.series_error}` : "");
      if (s) {
        cvdBars.setData(s.cvd_bars.map((b) => ({ time: b.minute_ms / 1000, open: +b.open, high: +b.high, low: +b.low,
          close: +b.close })));
        cvdLine.setData(s.cvd_bars.map((b) => ({ time: b.minute_ms / 1000, value: +b.close })));
        deltaBars.setData(s.delta.map((b) => ({ time: Math.floor(b.start_ms / 1000), value: +b.delta_qty,
          color: !b.covered ? "#3a4754" : +b.delta_qty >= 0 ? "#26a69a" : "#ef5350" })));
        if (!fitted) { cvdChart.timeScale().fitContent(); deltaChart.timeScale().fitContent(); }
      }
      if (!fitted && d.candles.length) { priceChart.timeScale().fitContent(); fitted = true; }
    }
    async function load() {
      if (loading) { again = true; return; }
      loading = true;
      try {
        const d = await getJson(`/api/orderflow/${encodeURIComponent(symbol)}?bucket=${bucket.value}`);
        loadError = null;
        render(d);
      } catch (e) {
        loadError = `the dashboard could not read the order flow: ${e.message}`;
        overlay(price, loadError);
        renderHealth();
      } finally {
        loading = false;
        if (again) { again = false; load(); }
      }
    }
    bucket.addEventListener("change", () => { fitted = false; load(); });
    load();
    return {
      onPrograms: renderHealth,
      onOrderflow: load,
      dispose() { priceChart.remove(); cvdChart.remove(); deltaChart.remove(); },
      inspect: () => ({
        view: "orderflow", symbol: symbol, health: healthBanner.dataset.health,
        stale: data && data.metrics ? data.metrics.stale : null,
        timeMs: data && data.metrics ? data.metrics.time_ms : null,
        delta: data && data.metrics ? data.metrics.windows[0].delta_qty : null,
        window: data && data.metrics ? data.metrics.windows[0].window : null,
        deltaBars: deltaBars.data().length, cvdBars: cvdBars.data().length, whaleMarkers: whales.markers().length,
        zones: zoneBoxes.length / 2, candles: candles.data().length,
      }),
    };
  }

  function missingView(text) {
    view.replaceChildren(el("p", { class: "banner error", text: text }));
    return { dispose() {}, inspect: () => ({ view: "missing", text: text }) };
  }

  // ---- navigation ---------------------------------------------------------------------------------------------------
  function renderNav() {
    const nav = document.getElementById("nav");
    const links = [el("a", { href: "#/programs", text: "Programs", dataset: { route: "programs" } })];
    for (const b of state.catalog.ext_gap)
      links.push(el("a", { href: `#/extgap/${b.program}`, text: `${b.symbol} ${b.timeframe}`,
        dataset: { route: `extgap/${b.program}`, program: b.program } }));
    for (const b of state.catalog.order_flow)
      links.push(el("a", { href: `#/orderflow/${b.symbol}`, text: `Flow ${b.symbol}`,
        dataset: { route: `orderflow/${b.symbol}`, program: b.program } }));
    nav.replaceChildren(...links);
    markNav();
  }
  function markNav() {
    const route = location.hash.replace(/^#\//, "") || "programs";
    for (const a of document.querySelectorAll("#nav a")) {
      a.classList.toggle("active", a.dataset.route === route);
      if (a.dataset.program) a.dataset.health = health(a.dataset.program).level;
    }
  }
  function route() {
    const old = state.page;
    state.page = null;
    if (old) old.dispose();
    const [kind, name] = (location.hash.replace(/^#\//, "") || "programs").split("/");
    try {
      state.page = kind === "extgap" && name ? extgapView(decodeURIComponent(name))
        : kind === "orderflow" && name ? orderflowView(decodeURIComponent(name).toUpperCase())
          : programsView();
    } catch (e) {
      state.page = missingView(`This page could not be shown: ${e.message}`);
    }
    document.body.dataset.view = state.page.inspect().view;
    markNav();
  }

  // ---- live updates -------------------------------------------------------------------------------------------------
  function connect() {
    const connection = document.getElementById("connection");
    const events = new EventSource("/events");
    events.addEventListener("open", () => { connection.dataset.state = "live"; setText(connection, "live"); });
    events.addEventListener("error", () => {
      connection.dataset.state = "lost";
      setText(connection, "connection lost: retrying…");
    });
    events.addEventListener("hello", (e) => { csrf = JSON.parse(e.data).csrf; });
    events.addEventListener("programs", (e) => {
      state.programs = JSON.parse(e.data);
      state.programsAt = Date.now();
      const daemon = document.getElementById("daemon-banner");
      daemon.hidden = state.programs.daemon_up;
      setText(daemon, state.programs.daemon_up ? "" : `Supervisor: ${state.programs.error}`);
      markNav();
      if (state.page && state.page.onPrograms) state.page.onPrograms();
    });
    events.addEventListener("logs", (e) => {
      state.logs = JSON.parse(e.data);
      if (state.page && state.page.onLogs) state.page.onLogs();
    });
    events.addEventListener("extgap", (e) => {
      state.extgapVersions = JSON.parse(e.data);
      if (state.page && state.page.onExtgap) state.page.onExtgap(state.extgapVersions);
    });
    events.addEventListener("orderflow", (e) => {
      state.orderflow = JSON.parse(e.data);
      if (state.page && state.page.onOrderflow) state.page.onOrderflow();
    });
  }

  // Updates that stop coming (a hung source, a stalled connection) make the page say so instead of looking live.
  setInterval(() => {
    const connection = document.getElementById("connection");
    if (updatesLate() && connection.dataset.state === "live") {
      connection.dataset.state = "late";
      setText(connection, `no update since ${new Date(state.programsAt).toLocaleTimeString()}`);
      markNav();
      if (state.page && state.page.onPrograms) state.page.onPrograms();
    } else if (!updatesLate() && connection.dataset.state === "late") {
      connection.dataset.state = "live";
      setText(connection, "live");
    }
  }, 1000);

  async function start() {
    try {
      state.catalog = await getJson("/api/catalog");
    } catch (e) {
      view.replaceChildren(el("p", { class: "banner error", text: `The dashboard's catalog is unavailable: ${e.message}` }));
      return;
    }
    renderNav();
    window.addEventListener("hashchange", route);
    connect();
    route();
  }
  start();
})();
