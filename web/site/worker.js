// jdlint's engine in a Web Worker, so that loading it (a few seconds on a slow machine) and
// linting never freeze the page. It runs jdlint.wasm (Go compiled to WebAssembly) and
// answers the page's messages {id, fn, args} with {id, out} or {id, error}, where fn is
// lint, apply or applySafe and out is the JSON string Go returns.
'use strict';

const download = fetch('jdlint.wasm'); // start the download first
importScripts('wasm_exec.js');

async function load() {
  const go = new Go();
  const started = new Promise((resolve) => { self.jdlintReady = resolve; });
  let result;
  try {
    result = await WebAssembly.instantiateStreaming(download, go.importObject);
  } catch (err) {
    // a server that does not send application/wasm: compile from the bytes instead
    const bytes = await (await fetch('jdlint.wasm')).arrayBuffer();
    result = await WebAssembly.instantiate(bytes, go.importObject);
  }
  go.run(result.instance);
  await started;
}

const ready = load();
ready.then(() => self.postMessage({ ready: true }), (err) => self.postMessage({ failed: String(err) }));

// warm runs a few more lints of the first posting, one task at a time so that the page's
// requests go first: the browser compiles the hot code better after a few runs, and the
// first edits are then as fast as the later ones.
function warm(name, text, n) {
  if (n <= 0) return;
  self.jdlint.lint(name, text);
  setTimeout(() => warm(name, text, n - 1), 0);
}

self.onmessage = async (e) => {
  const { id, fn, args } = e.data;
  try {
    await ready;
    if (fn === 'warm') {
      self.postMessage({ id, out: 'null' });
      warm(args[0], args[1], args[2]);
      return;
    }
    self.postMessage({ id, out: self.jdlint[fn](...args) });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
