// Genesis dashboard: loads the board once, then applies the server's batched deltas.
// Plain DOM, no framework. Every text from the server goes in through textContent.
(() => {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const state = {
    runs: new Map(),        // id -> run summary
    workers: new Map(),     // id -> worker view
    stats: null,
    selected: null,         // selected run id
    follow: !location.hash, // show each new run as it arrives, until the user picks one
    detail: null,           // { run, tasks: Map id -> task }
    layoutDirty: true,      // the task/dependency set changed: the DAG must be laid out again
    nodes: new Map(),       // task id -> its DAG node, so that a delta touches only its own nodes
    dirty: new Set(),       // task ids changed since the last render
    slowAt: { gantt: 0, table: 0 }, // when the heavy parts of a large run were last redrawn
    clockOffset: 0,         // server time minus browser time, for live durations and ages
    series: new Map(),      // epoch second -> { finished, started, latencyP50Ms, latencyP99Ms }
    locks: null,            // the coordinator's locks as the server last read them
    conflicts: [],          // newest conflicts, newest first
    dirty2: { charts: true, locks: true, conflicts: true }, // panels to redraw on the next frame
    tick: false,            // a second passed: ages and the charts' time axis move on
    hover: { throughput: null, latency: null }, // chart second under the pointer, if any
  };
  // Runs above this many tasks are drawn compactly (one small cell per task, no edges, a capped
  // table, the timeline redrawn once a second) so that the page stays smooth at thousands of tasks.
  const LARGE_RUN = 300;
  const TABLE_ROWS = 200;
  // Update lag, measured by the page itself: per delta, from the oldest event it carries to the end
  // of the render that shows it. Read by the end-to-end tests; bounded so a long session stays small.
  // panelsMsTotal: the part of renderMsTotal spent on the charts, locks and conflicts panels.
  const metrics = { lag: [], renders: 0, renderMsTotal: 0, renderMsMax: 0, panelsMsTotal: 0, pendingEvents: [] };
  const MAX_SAMPLES = 20000;
  window.genesisMetrics = metrics;
  const $ = (id) => document.getElementById(id);

  // ---------- helpers ----------
  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function svg(tag, attrs = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  const serverNow = () => Date.now() + state.clockOffset;
  function fmtMs(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s';
    const m = Math.floor(ms / 60000);
    return m + ' m ' + Math.round((ms % 60000) / 1000) + ' s';
  }
  const fmtTime = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '–');
  // Whole seconds for what is still ahead: "42 s", "3 m 05 s".
  function fmtLeft(ms) {
    const s = Math.round(ms / 1000);
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' m ' + String(s % 60).padStart(2, '0') + ' s';
    return Math.floor(s / 3600) + ' h ' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + ' m';
  }
  // The run's ETA as the server estimated it, counted down between updates: '–' unknown, '0 s' done.
  function etaText(run) {
    const f = run.figures;
    if (f.etaMs === null || f.etaMs === undefined) return '–';
    if (f.etaMs === 0 || !f.etaAt) return '0 s';
    const left = Date.parse(f.etaAt) - serverNow();
    return left < 1000 ? '< 1 s' : fmtLeft(left);
  }
  const isTerminal = (s) => s === 'SUCCEEDED' || s === 'FAILED' || s === 'SKIPPED' || s === 'CANCELLED';
  function liveDuration(task) {
    if (!task.startedAt) return null;
    if (task.finishedAt) return Date.parse(task.finishedAt) - Date.parse(task.startedAt);
    if (isTerminal(task.state)) return task.durationMs;
    return Math.max(0, serverNow() - Date.parse(task.startedAt));
  }
  // Every load ends, answered or not: live deltas wait while one is in flight (below).
  const LOAD_TIMEOUT_MS = 30000;
  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(LOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  // ---------- loading ----------
  // A load's answer is read on the server at some moment while deltas keep streaming in; a delta
  // that arrives while the load is in flight may be newer than that answer, and applied under it
  // (or dropped, for a run not shown yet) its change would be lost until the task changes again.
  // So deltas wait while any load is in flight and then go on top of its answer, in order.
  let loadsInFlight = 0;
  const heldDeltas = [];
  async function loading(work) {
    loadsInFlight++;
    try {
      return await work();
    } finally {
      loadsInFlight--;
      // Applying one may start a new load (a new run to follow): the rest then wait for that one.
      while (!loadsInFlight && heldDeltas.length) applyDelta(heldDeltas.shift());
    }
  }
  function onDelta(delta) {
    if (loadsInFlight) heldDeltas.push(delta);
    else applyDelta(delta);
  }

  const loadAll = () => loading(async () => {
    const [runs, workers, stats, series, locks, conflicts] = await Promise.all([getJson('api/runs'),
      getJson('api/workers'), getJson('api/stats'), getJson('api/series'), getJson('api/locks'),
      getJson('api/conflicts')]);
    state.runs = new Map(runs.map((r) => [r.id, r]));
    state.workers = new Map(workers.map((w) => [w.id, w]));
    state.stats = stats;
    state.series = new Map();
    putPoints(series.points);
    state.locks = locks;
    state.conflicts = conflicts;
    state.dirty2 = { charts: true, locks: true, conflicts: true };
    if (!state.selected || !state.runs.has(state.selected)) {
      const fromHash = new URLSearchParams(location.hash.slice(1)).get('run');
      state.selected = fromHash && state.runs.has(fromHash) ? fromHash : (runs[0] ? runs[0].id : null);
    }
    await loadDetail();
    render();
  });

  const loadDetail = () => loading(async () => {
    const id = state.selected;
    if (!id) { state.detail = null; return; }
    try {
      const run = await getJson('api/runs/' + encodeURIComponent(id));
      // Another run was picked meanwhile: its own load sets the detail.
      if (state.selected !== id) return;
      state.detail = { run, tasks: new Map(run.tasks.map((t) => [t.id, t])) };
    } catch (e) {
      if (state.selected === id) state.detail = null;
    }
    state.layoutDirty = true;
  });

  async function select(runId, byUser) {
    state.selected = runId;
    if (byUser) {
      state.follow = false;
      history.replaceState(null, '', '#run=' + runId);
    }
    await loadDetail();
    render();
  }

  // ---------- live stream ----------
  function connect() {
    const source = new EventSource('api/stream');
    source.onopen = () => {
      $('connection').dataset.state = 'live';
      $('connection').textContent = 'live';
      // Whatever happened while disconnected is in the full state, not in the deltas.
      loadAll().catch((e) => console.warn(e));
    };
    source.onerror = () => {
      $('connection').dataset.state = 'down';
      $('connection').textContent = 'reconnecting…';
    };
    source.onmessage = (message) => onDelta(JSON.parse(message.data));
  }

  function applyDelta(delta) {
    state.clockOffset = Date.parse(delta.at) - Date.now();
    if (delta.firstEventAt) {
      metrics.pendingEvents.push({ first: Date.parse(delta.firstEventAt), last: Date.parse(delta.lastEventAt),
        tasks: delta.tasks.length });
    }
    state.stats = delta.stats;
    let newest = null;
    for (const run of delta.runs) {
      if (!state.runs.has(run.id) && (!newest || byNewest(run, newest) < 0)) newest = run;
      state.runs.set(run.id, run);
      if (state.detail && state.detail.run.id === run.id) Object.assign(state.detail.run, run);
    }
    for (const id of delta.removedRuns) state.runs.delete(id);
    for (const task of delta.tasks) {
      if (!state.detail || state.detail.run.id !== task.runId) continue;
      const known = state.detail.tasks.get(task.id);
      if (!known || (known.dependsOn || []).join(',') !== (task.dependsOn || []).join(',')) state.layoutDirty = true;
      state.detail.tasks.set(task.id, task);
      state.dirty.add(task.id);
    }
    for (const worker of delta.workers) state.workers.set(worker.id, worker);
    for (const id of delta.removedWorkers) state.workers.delete(id);
    if (delta.series && delta.series.length) {
      putPoints(delta.series);
      state.dirty2.charts = true;
    }
    if (delta.locks) {
      state.locks = delta.locks;
      state.dirty2.locks = true;
    }
    if (delta.conflicts) {
      state.conflicts = delta.conflicts;
      state.dirty2.conflicts = true;
    }
    if (newest && (state.follow || !state.selected)) {
      select(newest.id, false);
      return;
    }
    scheduleRender();
  }

  let renderPending = false;
  function scheduleRender() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(() => { renderPending = false; render(); });
  }

  // ---------- rendering ----------
  const byNewest = (a, b) => Date.parse(b.createdAt || 0) - Date.parse(a.createdAt || 0);

  function render() {
    const began = performance.now();
    renderTotals();
    renderRuns();
    renderDetail();
    renderWorkers();
    const panelsBegan = performance.now();
    const tick = state.tick;
    state.tick = false;
    if (state.dirty2.charts || tick) renderCharts();
    if (state.dirty2.locks || tick) renderLocks();
    if (state.dirty2.conflicts) renderConflicts();
    state.dirty2 = { charts: false, locks: false, conflicts: false };
    const end = performance.now();
    metrics.panelsMsTotal += end - panelsBegan;
    const spent = end - began;
    metrics.renders++;
    metrics.renderMsTotal += spent;
    metrics.renderMsMax = Math.max(metrics.renderMsMax, spent);
    const shownAt = Date.now();
    for (const e of metrics.pendingEvents) {
      if (metrics.lag.length >= MAX_SAMPLES) metrics.lag.shift();
      metrics.lag.push({ oldestMs: shownAt - e.first, newestMs: shownAt - e.last, tasks: e.tasks });
    }
    metrics.pendingEvents = [];
  }

  function renderTotals() {
    const s = state.stats;
    if (!s) return;
    $('total-running').textContent = s.runsByState.RUNNING;
    $('total-succeeded').textContent = s.runsByState.SUCCEEDED;
    $('total-failed').textContent = s.runsByState.FAILED;
    $('total-throughput').textContent = s.tasksPerSecond;
    $('total-slots').textContent = s.busySlots + ' / ' + s.totalSlots;
    $('total-workers').textContent = s.workers;
  }

  function renderRuns() {
    const list = $('runs');
    const runs = [...state.runs.values()].sort(byNewest);
    $('runs-empty').hidden = runs.length > 0;
    list.replaceChildren(...runs.map((run) => {
      const item = el('li', { class: 'run' + (run.id === state.selected ? ' selected' : ''), id: 'run-' + run.id,
        'data-run-id': run.id, 'data-state': run.state });
      const top = el('div', { class: 'line' });
      top.append(el('span', { class: 'name', title: run.id }, run.name || run.id.slice(0, 8)),
        el('span', { class: 'badge', 'data-state': run.state }, run.state));
      const f = run.figures;
      const meta = el('div', { class: 'line meta' });
      const eta = run.state === 'RUNNING' && f.etaMs ? 'ETA ' + etaText(run) + ' · ' : '';
      meta.append(el('span', {}, f.counts.SUCCEEDED + '/' + f.total + ' tasks · ' + fmtTime(run.createdAt)),
        el('span', { class: 'run-eta' }, eta + (f.speedUp ? '×' + f.speedUp.toFixed(2) : '')));
      const bar = el('div', { class: 'progress' });
      const fill = el('div', { class: 'bar' });
      fill.style.width = f.progress + '%';
      bar.append(fill);
      item.append(top, meta, bar);
      item.addEventListener('click', () => select(run.id, true));
      return item;
    }));
  }

  function renderDetail() {
    const d = state.detail;
    if (!d) {
      $('run-title').textContent = state.runs.size ? 'Select a run' : 'No run selected';
      $('run-state').textContent = '';
      ['dag', 'gantt'].forEach((id) => $(id).replaceChildren());
      $('tasks').replaceChildren();
      $('fig-eta').textContent = '–';
      return;
    }
    const run = d.run;
    const tasks = [...d.tasks.values()];
    $('run-title').textContent = run.name || run.id;
    $('run-panel').dataset.runId = run.id;
    $('run-state').textContent = run.state;
    $('run-state').dataset.state = run.state;
    const f = run.figures;
    // While work remains the makespan runs on: extend the server's figure by the time since.
    const running = run.state === 'RUNNING' && tasks.some((t) => !isTerminal(t.state)) && tasks.some((t) => t.startedAt);
    const starts = tasks.filter((t) => t.startedAt).map((t) => Date.parse(t.startedAt));
    const makespan = running && starts.length ? serverNow() - Math.min(...starts) : f.makespanMs;
    $('fig-progress').textContent = f.progress + ' %';
    $('fig-makespan').textContent = fmtMs(makespan);
    $('fig-serial').textContent = fmtMs(f.serialMs);
    $('fig-speedup').textContent = f.speedUp ? '×' + f.speedUp.toFixed(2) : '–';
    $('fig-eta').textContent = etaText(run);
    $('fig-counts').textContent = Object.entries(f.counts).filter(([, n]) => n > 0)
      .map(([s, n]) => n + ' ' + s.toLowerCase()).join(' · ') || '–';
    $('run-progress-bar').style.width = f.progress + '%';
    const large = tasks.length > LARGE_RUN;
    const relaid = state.layoutDirty;
    renderDag(tasks, large);
    // The heavy parts of a large run are redrawn at most once a second; small runs on every frame.
    const now = Date.now();
    if (!large || relaid || now - state.slowAt.gantt >= 1000) {
      renderGantt(tasks, large);
      state.slowAt.gantt = now;
    }
    if (!large || relaid || now - state.slowAt.table >= 1000) {
      renderTaskTable(tasks, large);
      state.slowAt.table = now;
    }
  }

  // Layers by dependency depth: a task sits one column right of its deepest dependency.
  function depths(tasks) {
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const memo = new Map();
    const depth = (id, seen) => {
      if (memo.has(id)) return memo.get(id);
      const t = byId.get(id);
      if (!t || seen.has(id)) return 0;
      seen.add(id);
      const deps = (t.dependsOn || []).filter((dep) => byId.has(dep));
      const value = deps.length ? 1 + Math.max(...deps.map((dep) => depth(dep, seen))) : 0;
      seen.delete(id);
      memo.set(id, value);
      return value;
    };
    tasks.forEach((t) => depth(t.id, new Set()));
    return memo;
  }

  const NODE_W = 150, NODE_H = 30, COL_W = 190, ROW_H = 42, PAD = 12;

  function renderDag(tasks, large) {
    const dag = $('dag');
    let changed = state.dirty;
    if (state.layoutDirty) {
      (large ? layoutCompactDag : layoutDag)(dag, tasks);
      state.layoutDirty = false;
      changed = state.detail.tasks.keys();
    }
    for (const id of changed) {
      const t = state.detail.tasks.get(id);
      const node = state.nodes.get(id);
      if (!t || !node) continue;
      node.setAttribute('data-state', t.state);
      if (large) continue;
      const p = t.state === 'RUNNING' && t.progress != null ? t.progress : 0;
      node.querySelector('.pct').setAttribute('width', String((NODE_W * p) / 100));
      node.querySelector('title').textContent = t.id + ' — ' + t.state + (t.worker ? ' on ' + t.worker : '')
        + (t.error ? '\n' + t.error : '');
    }
    state.dirty = new Set();
  }

  function columnsByDepth(tasks) {
    const depth = depths(tasks);
    const columns = [];
    for (const t of tasks) {
      const d = depth.get(t.id) || 0;
      (columns[d] = columns[d] || []).push(t);
    }
    return columns;
  }

  function layoutDag(dag, tasks) {
    const columns = columnsByDepth(tasks);
    const pos = new Map();
    columns.forEach((col, c) => col.forEach((t, r) => pos.set(t.id, { x: PAD + c * COL_W, y: PAD + r * ROW_H })));
    const rows = Math.max(1, ...columns.map((col) => (col ? col.length : 0)));
    dag.setAttribute('width', String(PAD * 2 + Math.max(1, columns.length) * COL_W - (COL_W - NODE_W)));
    dag.setAttribute('height', String(PAD * 2 + rows * ROW_H));
    const edges = svg('g', { class: 'edges' });
    const nodes = svg('g', { class: 'nodes' });
    state.nodes = new Map();
    for (const t of tasks) {
      const to = pos.get(t.id);
      for (const dep of t.dependsOn || []) {
        const from = pos.get(dep);
        if (!from) continue;
        const x1 = from.x + NODE_W, y1 = from.y + NODE_H / 2, x2 = to.x, y2 = to.y + NODE_H / 2, mx = (x1 + x2) / 2;
        edges.append(svg('path', { class: 'edge', d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`,
          'data-from': dep, 'data-to': t.id }));
      }
      const g = svg('g', { class: 'node', id: 'task-' + t.id, 'data-task-id': t.id, 'data-state': t.state,
        transform: `translate(${to.x},${to.y})` });
      g.append(svg('title', {}, t.id),
        svg('rect', { class: 'shape', width: NODE_W, height: NODE_H }),
        svg('rect', { class: 'pct', width: 0, height: NODE_H, rx: 6 }),
        svg('text', { x: 8, y: 19 }, t.id.length > 20 ? t.id.slice(0, 19) + '…' : t.id));
      nodes.append(g);
      state.nodes.set(t.id, g);
    }
    dag.replaceChildren(edges, nodes);
  }

  // One small cell per task, layer by layer (a layer wraps into several columns), without edges:
  // a few thousand plain rects stay cheap to lay out and to recolour.
  const CELL = 9, CELL_PITCH = 11, CELL_ROWS = 40, LAYER_GAP = 16;
  function layoutCompactDag(dag, tasks) {
    const cells = svg('g', { class: 'cells' });
    state.nodes = new Map();
    let x = PAD;
    let height = 0;
    for (const col of columnsByDepth(tasks)) {
      if (!col) continue;
      col.forEach((t, i) => {
        const cell = svg('rect', { class: 'cell', 'data-task-id': t.id, 'data-state': t.state,
          x: x + Math.floor(i / CELL_ROWS) * CELL_PITCH, y: PAD + (i % CELL_ROWS) * CELL_PITCH,
          width: CELL, height: CELL, rx: 2 });
        cells.append(cell);
        state.nodes.set(t.id, cell);
      });
      x += Math.ceil(col.length / CELL_ROWS) * CELL_PITCH + LAYER_GAP;
      height = Math.max(height, Math.min(col.length, CELL_ROWS) * CELL_PITCH);
    }
    dag.setAttribute('width', String(x + PAD));
    dag.setAttribute('height', String(height + PAD * 2));
    // One tooltip for all cells instead of a <title> per cell.
    cells.addEventListener('mousemove', (event) => {
      const id = event.target.getAttribute('data-task-id');
      const t = id && state.detail && state.detail.tasks.get(id);
      dag.querySelector('title').textContent = t ? t.id + ' — ' + t.state + (t.worker ? ' on ' + t.worker : '') : '';
    });
    dag.replaceChildren(svg('title', {}, ''), cells);
  }

  function renderGantt(tasks, large) {
    const gantt = $('gantt');
    const started = tasks.filter((t) => t.startedAt).map((t) => {
      const start = Date.parse(t.startedAt);
      return { t, start, end: start + (liveDuration(t) || 0) };
    }).sort((a, b) => a.start - b.start);
    if (!started.length) { gantt.replaceChildren(); gantt.setAttribute('height', '0'); return; }
    const lanes = [];
    for (const item of started) {
      const worker = item.t.worker || '?';
      let lane = lanes.find((l) => l.worker === worker && l.end <= item.start);
      if (!lane) {
        lane = { worker, index: lanes.filter((l) => l.worker === worker).length, end: 0, items: [] };
        lanes.push(lane);
      }
      lane.items.push(item);
      lane.end = item.end;
    }
    lanes.sort((a, b) => a.worker.localeCompare(b.worker) || a.index - b.index);
    const t0 = started[0].start;
    const t1 = Math.max(...started.map((i) => i.end), t0 + 1);
    const LABEL = 150, WIDTH = 760, LANE = 22;
    const scale = (ms) => LABEL + ((ms - t0) / (t1 - t0)) * (WIDTH - LABEL - 10);
    gantt.setAttribute('width', String(WIDTH));
    gantt.setAttribute('height', String(lanes.length * LANE + 24));
    const parts = [];
    lanes.forEach((lane, i) => {
      const y = i * LANE + 4;
      const label = lane.worker.length > 18 ? lane.worker.slice(0, 17) + '…' : lane.worker;
      parts.push(svg('text', { class: 'lane-label', x: 4, y: y + 14 }, label + ' #' + (lane.index + 1)));
      for (const { t, start, end } of lane.items) {
        const bar = svg('rect', { class: 'bar', 'data-task-id': t.id, 'data-state': t.state, x: scale(start), y,
          width: Math.max(2, scale(end) - scale(start)), height: LANE - 6, rx: 3 });
        if (!large) bar.append(svg('title', {}, t.id + ' ' + fmtMs(end - start)));
        parts.push(bar);
      }
    });
    const axisY = lanes.length * LANE + 8;
    parts.push(svg('line', { class: 'axis', x1: LABEL, x2: WIDTH - 10, y1: axisY, y2: axisY }),
      svg('text', { class: 'lane-label', x: LABEL, y: axisY + 12 }, '0'),
      svg('text', { class: 'lane-label', x: WIDTH - 60, y: axisY + 12 }, fmtMs(t1 - t0)));
    gantt.replaceChildren(...parts);
  }

  // A large run lists the tasks that matter now first (running, failed, waiting to start) and stops
  // at TABLE_ROWS rows; the DAG cells still show every task.
  const TABLE_RANK = { RUNNING: 0, DISPATCHED: 1, FAILED: 2, READY: 3, PENDING: 4, SKIPPED: 5, CANCELLED: 6, SUCCEEDED: 7 };
  function renderTaskTable(tasks, large) {
    let shown = tasks;
    if (large) {
      shown = tasks.map((t, i) => [t, i])
        .sort(([a, i], [b, j]) => (TABLE_RANK[a.state] ?? 8) - (TABLE_RANK[b.state] ?? 8) || i - j)
        .slice(0, TABLE_ROWS).map(([t]) => t);
    }
    $('tasks-note').textContent = shown.length < tasks.length
      ? 'Showing ' + shown.length + ' of ' + tasks.length + ' tasks: running, failed and waiting ones first.' : '';
    $('tasks').replaceChildren(...shown.map((t) => {
      const row = el('tr', { id: 'row-' + t.id, 'data-task-id': t.id, 'data-state': t.state });
      const stateCell = el('td');
      stateCell.append(el('span', { class: 'badge', 'data-state': t.state }, t.state));
      row.append(el('td', {}, t.id), el('td', {}, t.kind || ''), stateCell,
        el('td', { class: 'num' }, String(t.attempt)), el('td', {}, t.worker || ''),
        el('td', {}, fmtTime(t.startedAt)), el('td', { class: 'num' }, fmtMs(liveDuration(t))),
        el('td', { class: 'num' }, t.progress != null ? t.progress + ' %' : ''),
        el('td', { class: 'error' }, t.error || ''));
      return row;
    }));
  }

  function renderWorkers() {
    const rank = { ALIVE: 0, DRAINING: 1, LATE: 2, DEAD: 3, STOPPED: 4 };
    const workers = [...state.workers.values()]
      .sort((a, b) => (rank[a.state] ?? 5) - (rank[b.state] ?? 5) || a.id.localeCompare(b.id));
    $('workers-empty').hidden = workers.length > 0;
    $('workers').replaceChildren(...workers.map((w) => {
      const card = el('div', { class: 'worker', id: 'worker-' + w.id, 'data-worker-id': w.id, 'data-state': w.state });
      const top = el('div', { class: 'line' });
      top.append(el('span', { class: 'id', title: w.id }, w.id), el('span', { class: 'badge', 'data-state': w.state }, w.state));
      const slots = el('div', { class: 'slots', title: w.busy + ' of ' + w.slots + ' slots busy' });
      for (let i = 0; i < w.slots; i++) slots.append(el('div', { class: 'slot' + (i < w.busy ? ' busy' : '') }));
      const age = w.lastSeen ? Math.max(0, serverNow() - Date.parse(w.lastSeen)) : w.heartbeatAgeMs;
      const meta = el('div', { class: 'line meta' });
      meta.append(el('span', {}, (w.host || '') + ' · ' + w.busy + '/' + w.slots + ' busy'),
        el('span', {}, 'heartbeat ' + fmtMs(age) + ' ago'));
      card.append(top, slots, meta);
      if (w.running.length) {
        const list = el('ul');
        w.running.forEach((r) => list.append(el('li', {}, r.taskId + ' #' + r.attempt
          + (r.percent != null ? ' · ' + r.percent + ' %' : ''))));
        card.append(list);
      }
      return card;
    }));
  }

  // ---------- charts: tasks finished per second, dispatch latency p50/p99 per second ----------
  // Drawn by hand in SVG: one path for all the bars, one per latency line, a few labels. The
  // server sends only the seconds that changed; the time axis moves on with the clock.
  const WINDOW = 300;
  const C = { W: 600, H: 150, L: 46, R: 8, T: 8, B: 20 };

  function putPoints(points) {
    for (const p of points || []) state.series.set(Math.floor(Date.parse(p.at) / 1000), p);
  }

  // The window's seconds, oldest first, ending with the server's current second.
  function windowSeconds() {
    const last = Math.floor(serverNow() / 1000);
    for (const s of state.series.keys()) if (s <= last - WINDOW) state.series.delete(s);
    const seconds = [];
    for (let s = last - WINDOW + 1; s <= last; s++) seconds.push(s);
    return seconds;
  }

  // 1, 2 or 5 times a power of ten, at least the value (and at least `floor`).
  function niceCeil(value, floor) {
    const v = Math.max(value, floor);
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  // Latencies: "850 ms", "4.2 ms", "12.4 s".
  function fmtLatency(ms) {
    if (ms === null || ms === undefined) return '–';
    if (ms >= 1000) return (ms / 1000).toFixed(ms >= 10000 ? 1 : 2) + ' s';
    return (ms < 10 ? ms.toFixed(1) : Math.round(ms)) + ' ms';
  }
  const fmtCount = (v) => (v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1));

  function chartFrame(max, format) {
    const parts = [];
    const plotH = C.H - C.T - C.B;
    for (const f of [0, 0.5, 1]) {
      const y = C.T + plotH * (1 - f);
      parts.push(svg('line', { class: 'grid-line', x1: C.L, x2: C.W - C.R, y1: y, y2: y }),
        svg('text', { class: 'axis-label', x: C.L - 4, y: y + 3, 'text-anchor': 'end' }, format(max * f)));
    }
    const bottom = C.H - 6;
    parts.push(svg('text', { class: 'axis-label', x: C.L, y: bottom }, '−5 min'),
      svg('text', { class: 'axis-label', x: (C.L + C.W - C.R) / 2, y: bottom, 'text-anchor': 'middle' }, '−2.5 min'),
      svg('text', { class: 'axis-label', x: C.W - C.R, y: bottom, 'text-anchor': 'end' }, 'now'));
    return parts;
  }

  const xOf = (i) => C.L + (i * (C.W - C.L - C.R)) / WINDOW;
  const yOf = (value, max) => C.T + (C.H - C.T - C.B) * (1 - Math.min(1, value / max));

  function renderCharts() {
    const seconds = windowSeconds();
    const points = seconds.map((s) => state.series.get(s));
    renderThroughput(seconds, points);
    renderLatency(seconds, points);
  }

  function renderThroughput(seconds, points) {
    const chart = $('chart-throughput');
    const values = points.map((p) => (p ? p.finished : 0));
    const max = niceCeil(Math.max(0, ...values), 1);
    const w = (C.W - C.L - C.R) / WINDOW;
    let d = '';
    values.forEach((v, i) => {
      if (v <= 0) return;
      const y = yOf(v, max);
      d += `M${xOf(i).toFixed(1)},${y.toFixed(1)}h${(w * 0.8).toFixed(2)}V${C.H - C.B}h${(-w * 0.8).toFixed(2)}Z`;
    });
    const parts = chartFrame(max, fmtCount);
    parts.push(svg('path', { class: 'bars', d }));
    addCursor(parts, 'throughput', seconds);
    chart.replaceChildren(...parts);
    const shown = pick('throughput', seconds);
    const at = shown === null ? seconds.length - 2 : shown; // the last whole second
    const total = values.reduce((a, b) => a + b, 0);
    $('chart-throughput-readout').textContent = shown === null
      ? (values[at] || 0) + ' tasks in the last second · ' + total + ' in 5 min'
      : new Date(seconds[at] * 1000).toLocaleTimeString() + ' · ' + values[at] + ' tasks';
  }

  function renderLatency(seconds, points) {
    const chart = $('chart-latency');
    const p50 = points.map((p) => (p && p.latencyP50Ms != null ? p.latencyP50Ms : null));
    const p99 = points.map((p) => (p && p.latencyP99Ms != null ? p.latencyP99Ms : null));
    const max = niceCeil(Math.max(0, ...p99.filter((v) => v !== null)), 1);
    // One path per line; a second without neighbours is a dot, as a line through it would not show.
    const line = (values, cls) => {
      let d = '';
      const dots = [];
      values.forEach((v, i) => {
        if (v === null) return;
        const x = (xOf(i) + xOf(i + 1)) / 2;
        const y = yOf(v, max);
        const before = i > 0 && values[i - 1] !== null;
        const after = i + 1 < values.length && values[i + 1] !== null;
        if (!before && !after) dots.push(svg('circle', { class: 'dot ' + cls, cx: x.toFixed(1), cy: y.toFixed(1), r: 2.2 }));
        else d += (before ? 'L' : 'M') + x.toFixed(1) + ',' + y.toFixed(1);
      });
      return [svg('path', { class: 'line ' + cls, d }), ...dots];
    };
    const parts = chartFrame(max, fmtLatency);
    parts.push(...line(p99, 'p99'), ...line(p50, 'p50'),
      svg('text', { class: 'legend p50', x: C.L + 6, y: C.T + 10 }, 'p50'),
      svg('text', { class: 'legend p99', x: C.L + 34, y: C.T + 10 }, 'p99'));
    addCursor(parts, 'latency', seconds);
    chart.replaceChildren(...parts);
    const shown = pick('latency', seconds);
    let at = shown;
    if (at === null) { // the newest second with a sample
      at = -1;
      for (let i = p50.length - 1; i >= 0; i--) if (p50[i] !== null) { at = i; break; }
    }
    const starts = (points[at] && points[at].started) || 0;
    $('chart-latency-readout').textContent = at < 0 ? 'no task started in 5 min'
      : (shown === null ? 'latest' : new Date(seconds[at] * 1000).toLocaleTimeString()) + ' · p50 '
        + fmtLatency(p50[at]) + ' · p99 ' + fmtLatency(p99[at]) + ' · ' + starts + (starts === 1 ? ' start' : ' starts');
  }

  // The index of the hovered second in this window, or null.
  function pick(name, seconds) {
    const s = state.hover[name];
    if (s === null) return null;
    const i = s - seconds[0];
    return i >= 0 && i < seconds.length ? i : null;
  }

  function addCursor(parts, name, seconds) {
    const i = pick(name, seconds);
    if (i === null) return;
    const x = (xOf(i) + xOf(i + 1)) / 2;
    parts.push(svg('line', { class: 'cursor', x1: x, x2: x, y1: C.T, y2: C.H - C.B }));
  }

  function hoverable(name) {
    const chart = $('chart-' + name);
    chart.addEventListener('mousemove', (event) => {
      const box = chart.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * C.W;
      const i = Math.floor(((x - C.L) / (C.W - C.L - C.R)) * WINDOW);
      const last = Math.floor(serverNow() / 1000);
      state.hover[name] = i >= 0 && i < WINDOW ? last - WINDOW + 1 + i : null;
      state.dirty2.charts = true;
      scheduleRender();
    });
    chart.addEventListener('mouseleave', () => {
      state.hover[name] = null;
      state.dirty2.charts = true;
      scheduleRender();
    });
  }

  // ---------- locks and conflicts (read from the coordinator by the server) ----------
  const ROWS_SHOWN = 200;

  function taskCell(runId, taskId, attempt, holder) {
    const cell = el('td');
    if (!runId) {
      cell.textContent = holder || '';
      return cell;
    }
    const run = state.runs.get(runId);
    const link = el('a', { class: 'task-link', href: '#run=' + runId, title: holder || '' },
      (run && run.name ? run.name + ' / ' : '') + taskId + (attempt ? ' #' + attempt : ''));
    link.addEventListener('click', (event) => { event.preventDefault(); select(runId, true); });
    cell.append(link);
    return cell;
  }

  // A holder "runId/taskId#attempt" as "run name / taskId #attempt" when the run is known.
  function holderText(holder) {
    const m = /^([0-9a-f-]{36})\/(.+)#(\d+)$/i.exec(holder || '');
    if (!m) return holder || '';
    const run = state.runs.get(m[1]);
    return (run && run.name ? run.name : m[1].slice(0, 8)) + ' / ' + m[2] + ' #' + m[3];
  }

  const since = (iso) => (iso ? fmtMs(Math.max(0, serverNow() - Date.parse(iso))) : '–');

  function renderLocks() {
    const view = state.locks;
    const status = $('locks-status');
    if (!view || !view.checkedAt) {
      status.dataset.state = 'unknown';
      status.textContent = 'waiting for the coordinator…';
    } else if (!view.reachable) {
      status.dataset.state = 'down';
      status.textContent = 'coordinator unreachable · showing what it said before';
    } else {
      status.dataset.state = 'ok';
      status.textContent = view.held.length + ' locked · ' + view.waiting.length + ' waiting';
    }
    const held = view ? view.held : [];
    const waiting = view ? view.waiting : [];
    $('locks-empty').hidden = held.length > 0;
    $('locks').replaceChildren(...held.slice(0, ROWS_SHOWN).map((l) => {
      const row = el('tr', { 'data-lease-id': l.leaseId, 'data-path': l.path, 'data-mode': l.mode });
      const mode = el('td');
      mode.append(el('span', { class: 'mode', 'data-mode': l.mode }, l.mode));
      row.append(el('td', { class: 'paths' }, l.path), mode, taskCell(l.runId, l.taskId, l.attempt, l.holder),
        el('td', {}, l.worker || ''), el('td', { class: 'num', title: 'since ' + fmtTime(l.acquiredAt) }, since(l.acquiredAt)));
      return row;
    }));
    $('locks-waiting-empty').hidden = waiting.length > 0;
    $('locks-waiting').replaceChildren(...waiting.slice(0, ROWS_SHOWN).map((w) => {
      const row = el('tr', { 'data-holder': w.holder, 'data-mode': w.mode });
      const wants = (w.writes || []).map((p) => p + ' (write)').concat((w.reads || []).map((p) => p + ' (read)'));
      row.append(taskCell(w.runId, w.taskId, w.attempt, w.holder), el('td', {}, w.worker || ''),
        el('td', { class: 'paths' }, wants.join(', ')), el('td', { class: 'num' }, since(w.since)),
        el('td', { class: 'paths', title: (w.blockedBy || []).join('\n') },
          (w.blockedBy || []).map(holderText).join(', ') || '–'));
      return row;
    }));
  }

  function renderConflicts() {
    const conflicts = state.conflicts || [];
    $('conflicts-empty').hidden = conflicts.length > 0;
    $('conflicts').replaceChildren(...conflicts.map((c) => {
      const row = el('tr', { 'data-conflict-id': String(c.id) });
      const detail = el('td');
      detail.append(el('a', { href: 'api/conflicts/' + encodeURIComponent(c.id), target: '_blank', rel: 'noopener' },
        'detail'));
      // A conflict names its run as the worker wrote it; link it when it is a run id.
      const runId = c.runId && /^[0-9a-f-]{36}$/i.test(c.runId) ? c.runId : null;
      row.append(el('td', { title: c.createdAt || '' }, fmtTime(c.createdAt)), el('td', { class: 'paths' }, c.path),
        runId ? taskCell(runId, c.taskId, c.attempt, c.holder) : el('td', {}, (c.runId || '') + ' / ' + (c.taskId || '')),
        el('td', {}, c.kind), el('td', { class: 'num' }, (c.baseVersion == null ? 'new' : 'v' + c.baseVersion)
          + ' → v' + c.currentVersion), detail);
      return row;
    }));
  }

  hoverable('throughput');
  hoverable('latency');

  // Durations of running tasks, ETAs, lock ages and the charts' time axis move on between deltas.
  setInterval(() => { state.tick = true; scheduleRender(); }, 1000);

  connect();
})();
