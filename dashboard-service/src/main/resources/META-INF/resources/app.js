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
  };
  // Runs above this many tasks are drawn compactly (one small cell per task, no edges, a capped
  // table, the timeline redrawn once a second) so that the page stays smooth at thousands of tasks.
  const LARGE_RUN = 300;
  const TABLE_ROWS = 200;
  // Update lag, measured by the page itself: per delta, from the oldest event it carries to the end
  // of the render that shows it. Read by the end-to-end tests; bounded so a long session stays small.
  const metrics = { lag: [], renders: 0, renderMsTotal: 0, renderMsMax: 0, pendingEvents: [] };
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
  const isTerminal = (s) => s === 'SUCCEEDED' || s === 'FAILED' || s === 'SKIPPED' || s === 'CANCELLED';
  function liveDuration(task) {
    if (!task.startedAt) return null;
    if (task.finishedAt) return Date.parse(task.finishedAt) - Date.parse(task.startedAt);
    if (isTerminal(task.state)) return task.durationMs;
    return Math.max(0, serverNow() - Date.parse(task.startedAt));
  }
  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  // ---------- loading ----------
  async function loadAll() {
    const [runs, workers, stats] = await Promise.all([getJson('api/runs'), getJson('api/workers'), getJson('api/stats')]);
    state.runs = new Map(runs.map((r) => [r.id, r]));
    state.workers = new Map(workers.map((w) => [w.id, w]));
    state.stats = stats;
    if (!state.selected || !state.runs.has(state.selected)) {
      const fromHash = new URLSearchParams(location.hash.slice(1)).get('run');
      state.selected = fromHash && state.runs.has(fromHash) ? fromHash : (runs[0] ? runs[0].id : null);
    }
    await loadDetail();
    render();
  }

  async function loadDetail() {
    if (!state.selected) { state.detail = null; return; }
    try {
      const run = await getJson('api/runs/' + encodeURIComponent(state.selected));
      state.detail = { run, tasks: new Map(run.tasks.map((t) => [t.id, t])) };
    } catch (e) {
      state.detail = null;
    }
    state.layoutDirty = true;
  }

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
    source.onmessage = (message) => applyDelta(JSON.parse(message.data));
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
    const end = performance.now();
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
      meta.append(el('span', {}, f.counts.SUCCEEDED + '/' + f.total + ' tasks · ' + fmtTime(run.createdAt)),
        el('span', {}, f.speedUp ? '×' + f.speedUp.toFixed(2) : ''));
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

  // Durations of running tasks and heartbeat ages move on between deltas.
  setInterval(() => { if (state.detail || state.workers.size) scheduleRender(); }, 1000);

  connect();
})();
