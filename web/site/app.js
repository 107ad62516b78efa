// jdlint's page. It loads the engine (jdlint.wasm: jdlint's Go code compiled to WebAssembly)
// and draws what the engine returns. Every decision (the verdict, the tints, the findings,
// the fixes and their previews) is made in Go; this script renders, keeps the undo history
// and talks to the browser (files, clipboard, downloads). Nothing is sent anywhere.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const editor = $('editor');
  const format = $('format');
  const statusLine = $('status'); // a live region: what a screen reader should hear
  const timing = $('timing');
  const card = $('card');
  const list = $('findings');
  const empty = $('findings-empty');
  const notices = $('notices');
  const tinted = $('tinted');
  const tip = $('tip');
  const descriptions = $('descriptions');
  const undoBtn = $('undo-btn');
  const applySafeBtn = $('apply-safe-btn');
  const fileInput = $('file');
  const maxBytes = 5 << 20; // the CLI's default size limit

  const state = {
    ready: false,
    name: 'posting.md',
    view: null,
    segments: [],
    history: [], // earlier texts, for Undo
    typed: false, // the text was typed since the last entry in history
    lastValue: '',
    timer: 0,
    lints: 0,
    seq: 0, // lints asked for; only the latest is drawn
    said: '', // the last verdict and counts announced, so that typing is not read out
  };

  // --- small DOM helpers ---------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) {
      if (c !== undefined && c !== null) e.append(c);
    }
    return e;
  }

  function say(message, bad) {
    statusLine.textContent = message;
    statusLine.classList.toggle('bad', !!bad);
  }

  function percent(x) {
    return Math.round(x * 100) + '%';
  }

  function capitalize(s) {
    return s ? s[0].toUpperCase() + s.slice(1) : s;
  }

  // --- the engine: jdlint.wasm in a worker (worker.js) -----------------------------------

  const engine = {
    worker: null,
    next: 0,
    pending: new Map(),
    ready: null,
  };

  function loadEngine() {
    engine.ready = new Promise((resolve, reject) => {
      engine.worker = new Worker('worker.js');
      engine.worker.onmessage = (e) => {
        const m = e.data;
        if (m.ready) return resolve();
        if (m.failed) return reject(new Error(m.failed));
        const p = engine.pending.get(m.id);
        if (!p) return;
        engine.pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve(JSON.parse(m.out));
      };
      engine.worker.onerror = (e) => reject(new Error(e.message || 'the worker failed'));
    });
    return engine.ready;
  }

  // call runs one of the engine's functions in the worker and resolves to its decoded JSON.
  function call(fn, ...args) {
    return new Promise((resolve, reject) => {
      const id = ++engine.next;
      engine.pending.set(id, { resolve, reject });
      engine.worker.postMessage({ id, fn, args });
    });
  }

  // --- linting -------------------------------------------------------------------------

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(lintNow, 150);
  }

  // lintNow lints the text as it is now and draws the result, unless the text changed
  // again while the engine worked, in which case the newer lint draws.
  async function lintNow() {
    clearTimeout(state.timer);
    state.timer = 0;
    if (!state.ready) return;
    const text = editor.value;
    const seq = ++state.seq;
    state.lastValue = text;
    if (text.trim() === '') {
      waiting();
      return;
    }
    const t0 = performance.now();
    let view;
    try {
      view = await call('lint', state.name, text);
    } catch (err) {
      say('The checker failed: ' + err.message, true);
      return;
    }
    if (seq !== state.seq) return;
    const t1 = performance.now();
    state.view = view;
    render(view);
    const t2 = performance.now();
    performance.measure('jdlint-lint', { start: t0, end: t1 });
    performance.measure('jdlint-render', { start: t1, end: t2 });
    state.lints++;
    document.body.dataset.lints = String(state.lints);
    if (state.lints === 1) {
      performance.mark('jdlint-first-verdict');
      call('warm', state.name, text, 4).catch(() => {});
      registerWorker();
    }
    if (state.lints % 200 === 0) performance.clearMeasures();
    timing.textContent = 'Checked in ' + Math.max(1, Math.round(t1 - t0)) + ' ms.';
    // announce the verdict and the counts when they change, not on every keystroke
    const news = view.error ? view.error : (view.verdict ? view.verdict.headline + '. ' : '') + summary(view);
    if (news !== state.said) {
      state.said = news;
      say(news, !!view.error);
    }
  }

  function summary(view) {
    const n = { error: 0, warning: 0, info: 0 };
    for (const f of view.findings) n[f.severity] = (n[f.severity] || 0) + 1;
    if (view.findings.length === 0) return 'No findings.';
    const parts = [];
    for (const sev of ['error', 'warning', 'info']) {
      if (n[sev]) parts.push(n[sev] + ' ' + sev + (n[sev] === 1 ? '' : 's'));
    }
    return parts.join(', ') + '.';
  }

  function waiting() {
    state.view = null;
    card.className = 'card';
    card.replaceChildren(
      el('p', { class: 'headline', text: 'Waiting for a posting' }),
      el('p', { class: 'summary', text: 'Paste a posting, open a file, or try the example.' }));
    list.replaceChildren();
    notices.replaceChildren();
    empty.hidden = false;
    empty.textContent = 'No findings yet.';
    applySafeBtn.disabled = true;
    tinted.replaceChildren();
    descriptions.replaceChildren();
    hideTip();
    timing.textContent = '';
    state.said = '';
    say('Ready. jdlint checks as you type.');
  }

  // --- rendering -----------------------------------------------------------------------

  function render(view) {
    renderCard(view);
    renderFindings(view);
    renderTinted(view);
    applySafeBtn.disabled = !(view.safe_edits > 0);
  }

  function renderCard(view) {
    const c = view.verdict;
    if (!c) {
      card.className = 'card tone-error';
      card.replaceChildren(
        el('p', { class: 'headline', text: 'Could not check this posting' }),
        el('p', { class: 'summary', text: view.error || 'Unknown error.' }));
      return;
    }
    card.className = 'card tone-' + c.tone;
    const rows = [];
    const row = (label, value) => rows.push(el('dt', { text: label }), el('dd', {}, value));
    row('Title', c.title ? '\u201c' + c.title + '\u201d (' + (c.title_role === 'none' ? 'names no role' : c.title_role_name) + ')' : 'none found');
    row('The body describes', capitalize(c.body));
    if (c.po_share === null || c.po_share === undefined) {
      row('Product Owner share', 'no Product Owner or Product Manager evidence');
    } else {
      const po = percent(c.po_share);
      const pm = percent(1 - c.po_share);
      const bar = el('span', { class: 'bar', role: 'img', 'aria-label': po + ' Product Owner, ' + pm + ' Product Manager' },
        el('span', { class: 'po' }), el('span', { class: 'pm' }));
      bar.firstChild.style.width = po;
      row('Product Owner share', el('span', { class: 'share' }, bar,
        el('span', { class: 'share-text', 'aria-hidden': 'true', text: po + ' Product Owner, ' + pm + ' Product Manager' })));
    }
    row('Confidence', c.detected === 'unknown' ? 'not applicable' : percent(c.confidence));
    const parts = [
      el('p', { class: 'headline', text: c.headline }),
      el('p', { class: 'summary', text: c.summary }),
      el('dl', {}, ...rows),
    ];
    if (c.reasons && c.reasons.length) {
      parts.push(el('ul', { class: 'reasons', 'aria-label': 'Why' }, ...c.reasons.map((r) => el('li', { text: capitalize(r) }))));
    }
    card.replaceChildren(...parts);
  }

  function renderFindings(view) {
    const items = view.findings.map(renderFinding);
    list.replaceChildren(...items);
    empty.hidden = items.length > 0;
    empty.textContent = view.error ? 'No findings: the posting could not be checked.' : 'Nothing to change. jdlint found no problems.';
    notices.replaceChildren(...(view.notices || []).map((n) =>
      el('li', { text: 'Note, line ' + n.line + ': ' + n.message })));
  }

  function renderFinding(f) {
    const sev = el('span', { class: 'sev sev-' + f.severity, text: f.severity });
    const show = el('button', { type: 'button', text: 'Show in the text' });
    show.addEventListener('click', () => select(f.start, f.end));
    const li = el('li', { class: 'finding' },
      el('p', { class: 'msg' }, sev, f.message),
      el('p', { class: 'meta' },
        el('span', { text: 'Line ' + f.line + ', column ' + f.column }),
        el('a', { href: '#rule-' + f.rule, text: f.rule }),
        show));
    if (f.fix) {
      const fix = el('div', { class: 'fix', role: 'group', 'aria-label': 'Suggested fix' },
        el('p', {}, el('span', { class: 'kind', text: f.fix.safe ? 'Safe fix: ' : 'Fix to review: ' }), f.fix.description));
      for (const h of f.fix.hunks) {
        fix.append(el('div', { class: 'hunk' },
          el('p', { class: 'label', text: 'Before (line ' + h.line + ')' }),
          el('pre', {}, ...h.before.map((p) => (p.changed ? el('del', { text: p.text }) : p.text))),
          el('p', { class: 'label', text: 'After' }),
          el('pre', {}, ...h.after.map((p) => (p.changed ? el('ins', { text: p.text }) : p.text)))));
      }
      const apply = el('button', { type: 'button', class: f.fix.safe ? 'primary' : '', text: 'Apply this fix' });
      apply.addEventListener('click', () => applyFix(f));
      fix.append(apply);
      li.append(fix);
    }
    return li;
  }

  function describe(s) {
    const lines = [];
    const where = s.section ? ' in \u201c' + s.section + '\u201d' : '';
    if (s.tint) {
      lines.push(capitalize(s.tint_name) + (s.tint === 'shared' || s.tint === 'other' ? '' : ' work') + where + '.');
    } else {
      lines.push('Not counted' + where + '.');
    }
    const ev = (s.evidence || []).map((e) =>
      capitalize(e.role_name) + ' ' + e.kind + ', ' + e.label + ': \u201c' + e.phrase + '\u201d' + (e.strong ? ' (strong)' : ''));
    return { lines, ev, note: s.note || '' };
  }

  function renderTinted(view) {
    state.segments = view.segments;
    const frag = document.createDocumentFragment();
    const descs = document.createDocumentFragment();
    let first = true;
    view.segments.forEach((s, i) => {
      if (s.kind === 'sentence' && (s.tint || s.note)) {
        const m = el(s.tint ? 'mark' : 'span', { class: s.tint ? 't-' + s.tint : 'uncounted', 'data-i': String(i), 'aria-describedby': 'desc-' + i, text: s.text });
        m.tabIndex = first ? 0 : -1;
        first = false;
        const d = describe(s);
        descs.append(el('span', { id: 'desc-' + i, text: [...d.lines, ...d.ev, d.note].filter(Boolean).join(' ') }));
        frag.append(m);
      } else if (s.kind === 'title') {
        frag.append(el('span', { class: 'title', text: s.text }));
      } else {
        frag.append(s.text);
      }
    });
    hideTip();
    tinted.replaceChildren(frag);
    descriptions.replaceChildren(descs);
  }

  // --- the evidence tooltip and keyboard moves in the tinted text -----------------------

  function showTip(m) {
    const s = state.segments[Number(m.dataset.i)];
    if (!s) return;
    const d = describe(s);
    const parts = d.lines.map((t) => el('p', { text: t }));
    if (d.ev.length) parts.push(el('ul', {}, ...d.ev.map((t) => el('li', { text: t }))));
    if (d.note) parts.push(el('p', { text: d.note }));
    tip.replaceChildren(...parts);
    tip.hidden = false;
    const r = m.getClientRects()[0] || m.getBoundingClientRect();
    const w = tip.offsetWidth;
    const left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - w - 8));
    tip.style.left = left + 'px';
    tip.style.top = (r.bottom + window.scrollY + 6) + 'px';
  }

  function hideTip() {
    tip.hidden = true;
  }

  function marks() {
    return Array.from(tinted.querySelectorAll('[data-i]'));
  }

  tinted.addEventListener('mouseover', (e) => {
    const m = e.target.closest('[data-i]');
    if (m) showTip(m);
  });
  tinted.addEventListener('mouseout', (e) => {
    const m = e.target.closest('[data-i]');
    if (m && !m.contains(e.relatedTarget) && document.activeElement !== m) hideTip();
  });
  tinted.addEventListener('focusin', (e) => {
    const m = e.target.closest('[data-i]');
    if (!m) return;
    for (const o of marks()) o.tabIndex = o === m ? 0 : -1;
    showTip(m);
  });
  tinted.addEventListener('focusout', hideTip);
  tinted.addEventListener('keydown', (e) => {
    const m = e.target.closest('[data-i]');
    if (!m) return;
    const all = marks();
    const at = all.indexOf(m);
    let to = -1;
    switch (e.key) {
      case 'ArrowRight': case 'ArrowDown': to = Math.min(all.length - 1, at + 1); break;
      case 'ArrowLeft': case 'ArrowUp': to = Math.max(0, at - 1); break;
      case 'Home': to = 0; break;
      case 'End': to = all.length - 1; break;
      case 'Escape': hideTip(); return;
      case 'Enter': {
        const s = state.segments[Number(m.dataset.i)];
        if (s) select(s.start, s.end);
        e.preventDefault();
        return;
      }
      default: return;
    }
    e.preventDefault();
    if (to >= 0) all[to].focus();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hideTip();
  });

  // select puts the selection on [start, end) of the editor (UTF-16 offsets from Go) and
  // scrolls it into view.
  function select(start, end) {
    editor.focus();
    editor.setSelectionRange(start, end);
    const before = editor.value.slice(0, start).split('\n').length - 1;
    const total = editor.value.split('\n').length;
    editor.scrollTop = Math.max(0, (before / total) * editor.scrollHeight - editor.clientHeight / 3);
  }

  // --- changing the text: fixes, files, undo --------------------------------------------

  async function setText(text, message) {
    state.history.push({ text: editor.value, name: state.name });
    state.typed = false;
    undoBtn.disabled = false;
    editor.value = text;
    state.said = '';
    await lintNow();
    if (message) say(message + ' ' + state.said);
  }

  // ask runs an engine call for a button, saying what went wrong instead of throwing.
  async function ask(fn, ...args) {
    try {
      return await call(fn, ...args);
    } catch (err) {
      return { error: err.message };
    }
  }

  async function applyFix(f) {
    const res = await ask('apply', state.name, editor.value, f.index);
    if (res.error) {
      say('Could not apply the fix: ' + res.error, true);
      return;
    }
    setText(res.text, 'Applied: ' + f.fix.description + '.');
  }

  applySafeBtn.addEventListener('click', async () => {
    const res = await ask('applySafe', state.name, editor.value);
    if (res.error) {
      say('Could not apply the fixes: ' + res.error, true);
      return;
    }
    if (res.edits === 0) {
      say('There were no safe fixes to apply.');
      return;
    }
    setText(res.text, 'Applied ' + res.edits + ' safe edit' + (res.edits === 1 ? '' : 's') + '.');
  });

  undoBtn.addEventListener('click', async () => {
    const prev = state.history.pop();
    if (!prev) return;
    editor.value = prev.text;
    setName(prev.name);
    state.typed = false;
    undoBtn.disabled = state.history.length === 0;
    state.said = '';
    await lintNow();
    say('Undone. ' + state.said);
  });

  editor.addEventListener('input', () => {
    if (!state.typed) {
      // the first keystroke after a change made by the page: keep the text before it
      state.history.push({ text: state.lastValue, name: state.name });
      state.typed = true;
      undoBtn.disabled = false;
    }
    schedule();
  });

  function setName(name) {
    state.name = name;
    format.value = /\.(txt|text)$/i.test(name) ? 'txt' : 'md';
    $('file-name').textContent = name === 'posting.md' || name === 'posting.txt' ? '' : name;
  }

  format.addEventListener('change', () => {
    const base = state.name.replace(/\.[^.]*$/, '') || 'posting';
    setName(base + (format.value === 'txt' ? '.txt' : '.md'));
    lintNow();
  });

  async function openFile(file) {
    if (!file) return;
    if (!/\.(md|markdown|txt|text)$/i.test(file.name) && !/^text\//.test(file.type)) {
      say(file.name + ' is not a .md or .txt file.', true);
      return;
    }
    if (file.size > maxBytes) {
      say(file.name + ' is larger than the 5 MiB limit.', true);
      return;
    }
    const text = await file.text();
    const prevName = state.name;
    setName(file.name);
    state.history.push({ text: editor.value, name: prevName });
    state.typed = false;
    undoBtn.disabled = false;
    editor.value = text;
    state.said = '';
    await lintNow();
    say('Opened ' + file.name + '. ' + state.said);
  }

  $('open-btn').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    openFile(fileInput.files[0]);
    fileInput.value = '';
  });
  editor.addEventListener('dragover', (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) {
      e.preventDefault();
      editor.classList.add('dropping');
    }
  });
  editor.addEventListener('dragleave', () => editor.classList.remove('dropping'));
  editor.addEventListener('drop', (e) => {
    editor.classList.remove('dropping');
    if (e.dataTransfer && e.dataTransfer.files.length) {
      e.preventDefault();
      openFile(e.dataTransfer.files[0]);
    }
  });

  function example() {
    return $('example-text').content.textContent.replace(/^\n/, '');
  }

  $('example-btn').addEventListener('click', () => {
    setName('posting.md');
    setText(example(), 'Loaded the example.');
  });

  $('clear-btn').addEventListener('click', () => {
    setText('', '');
    editor.focus();
  });

  $('copy-btn').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(editor.value);
    } catch (err) {
      editor.select();
      if (!document.execCommand('copy')) {
        say('Could not copy: select the text and copy it by hand.', true);
        return;
      }
    }
    say('Copied the text.');
  });

  $('download-btn').addEventListener('click', () => {
    const type = /\.(txt|text)$/i.test(state.name) ? 'text/plain' : 'text/markdown';
    const url = URL.createObjectURL(new Blob([editor.value], { type: type + ';charset=utf-8' }));
    const a = el('a', { href: url, download: state.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say('Downloaded ' + state.name + '.');
  });

  // a link to a rule opens its explanation
  function openRule(hash) {
    if (!hash || !hash.startsWith('#rule-')) return;
    const d = document.getElementById(hash.slice(1));
    if (d && d.tagName === 'DETAILS') d.open = true;
  }
  document.addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="#rule-"]');
    if (a) openRule(a.getAttribute('href'));
  });
  window.addEventListener('hashchange', () => openRule(location.hash));
  openRule(location.hash);

  // --- offline ---------------------------------------------------------------------------

  function registerWorker() {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register('sw.js').catch(() => { /* the page still works online */ });
  }

  // --- start -----------------------------------------------------------------------------

  if (editor.value.trim() === '') editor.value = example();
  state.lastValue = editor.value;
  loadEngine().then(() => {
    state.ready = true;
    performance.mark('jdlint-ready');
    document.body.dataset.ready = 'true';
    lintNow();
  }).catch((err) => {
    say('The checker could not load: ' + err + '. Reload the page to try again.', true);
  });
})();
