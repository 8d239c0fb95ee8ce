// The playground page: loads hooklint.wasm, checks the hook as it is typed and shows the
// findings, the outer commands that run the hook, and a link that restores the inputs.
// Everything stays in the page: the only requests are for this page's own files.
"use strict";

const EXAMPLE = "#!/bin/sh\nset -e\nkamal accessory reboot db\n";
const DEFAULT_HOOK = "post-deploy";
const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);
const hookSelect = $("hook");
const versionSelect = $("version");
const source = $("source");
const deploy = $("deploy");
const backdrop = $("backdrop");
const gutter = $("gutter");
const statusLine = $("status");
const findingsList = $("findings");
const problemsList = $("problems");
const shareLink = $("share-link");

let ready = false;
let timer = 0;
let lastFindings = [];

// el makes an element with a class and children (strings become text).
function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) e.append(c);
  return e;
}

// prose renders a message, showing `quoted` parts as code.
function prose(tag, cls, text) {
  const e = el(tag, cls);
  text.split("`").forEach((part, i) => e.append(i % 2 ? el("code", "", part) : part));
  return e;
}

// State <-> URL hash: hook, version, the hook's source and deploy.yml.
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return {
    hook: p.get("hook") || DEFAULT_HOOK,
    version: p.get("kamal") || "",
    source: p.has("src") ? p.get("src") : EXAMPLE,
    deploy: p.get("deploy") || "",
  };
}

function writeHash() {
  const p = new URLSearchParams();
  p.set("hook", hookSelect.value);
  if (versionSelect.value) p.set("kamal", versionSelect.value);
  p.set("src", source.value);
  if (deploy.value) p.set("deploy", deploy.value);
  history.replaceState(null, "", "#" + p.toString());
  shareLink.value = location.href;
}

function applyState(s) {
  if (![...hookSelect.options].some((o) => o.value === s.hook)) s.hook = DEFAULT_HOOK;
  if (![...versionSelect.options].some((o) => o.value === s.version)) s.version = "";
  hookSelect.value = s.hook;
  versionSelect.value = s.version;
  source.value = s.source;
  deploy.value = s.deploy;
  if (s.deploy) $("deploy-details").open = true;
  $("hook-file").textContent = ".kamal/hooks/" + s.hook;
}

// The editor: a transparent textarea over a backdrop that colours the lines with findings,
// beside a gutter of line numbers.
function paintEditor() {
  const lines = source.value.split("\n");
  const worst = new Map();
  const rank = { info: 1, warning: 2, error: 3 };
  for (const d of lastFindings) {
    for (let n = d.line; n <= Math.max(d.line, d.endLine - (d.endColumn === 1 ? 1 : 0)); n++) {
      if (!worst.has(n) || rank[d.severity] > rank[worst.get(n)]) worst.set(n, d.severity);
    }
  }
  backdrop.replaceChildren();
  gutter.replaceChildren();
  lines.forEach((text, i) => {
    const sev = worst.get(i + 1);
    const cls = sev ? "line hl-" + sev : "line";
    backdrop.append(el("span", cls, text + "\n"));
    gutter.append(el("span", sev ? "num hl-" + sev : "num", String(i + 1) + "\n"));
  });
  syncScroll();
}

function syncScroll() {
  backdrop.scrollTop = source.scrollTop;
  backdrop.scrollLeft = source.scrollLeft;
  gutter.scrollTop = source.scrollTop;
}

// offsetOf turns a 1-based line and byte column into an index into the textarea's text.
function offsetOf(line, column) {
  const lines = source.value.split("\n");
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += lines[i].length + 1;
  const text = lines[line - 1] || "";
  const enc = new TextEncoder();
  let bytes = 0, j = 0;
  while (j < text.length && bytes < column - 1) {
    const cp = text.codePointAt(j);
    const ch = String.fromCodePoint(cp);
    bytes += enc.encode(ch).length;
    j += ch.length;
  }
  return off + j;
}

function selectSpan(d) {
  source.focus();
  source.setSelectionRange(offsetOf(d.line, d.column), offsetOf(d.endLine, d.endColumn));
}

function render(res) {
  findingsList.replaceChildren();
  problemsList.replaceChildren();
  if (res.error) {
    lastFindings = [];
    statusLine.textContent = res.error;
    paintEditor();
    return;
  }
  const report = res.report;
  lastFindings = report.diagnostics;
  const n = lastFindings.length;
  statusLine.textContent = n === 0 ? "No findings." : n === 1 ? "1 finding." : n + " findings.";
  lastFindings.forEach((d, i) => {
    const li = el("li", "finding sev-" + d.severity);
    li.dataset.rule = d.rule;
    li.dataset.line = d.line;
    const go = el("button", "goto", "line " + d.line);
    go.type = "button";
    go.setAttribute("aria-label", "Select line " + d.line + " in the hook");
    go.addEventListener("click", () => selectSpan(d));
    const link = el("a", "rule", d.rule + " " + d.name);
    link.href = d.url;
    li.append(el("p", "head", el("span", "sev", d.severity), " ", go, " ", link));
    li.append(prose("p", "msg", d.message));
    for (const r of d.related) li.append(prose("p", "related", r.file + ":" + r.line + ": " + r.message));
    if (d.suggestions.length) {
      const ul = el("ul", "suggestions");
      d.suggestions.forEach((s, j) => {
        const item = el("li", "suggestion", el("span", "kind", s.kind), " ");
        item.dataset.kind = s.kind;
        item.append(prose("span", "", s.message));
        const fixed = (res.fixes[i] || [])[j];
        if (fixed) {
          const b = el("button", "apply", "Apply");
          b.type = "button";
          b.setAttribute("aria-label", "Apply the " + s.kind + " suggestion");
          b.addEventListener("click", () => {
            source.value = fixed;
            check();
            source.focus();
          });
          item.append(" ", b);
        }
        ul.append(item);
      });
      li.append(ul);
    }
    findingsList.append(li);
  });
  for (const p of res.problems || []) problemsList.append(el("li", "", p));
  renderTable(res.table);
  paintEditor();
}

function renderTable(t) {
  const body = $("runby").tBodies[0];
  body.replaceChildren();
  if (!t) return;
  $("table-hook").textContent = t.hook;
  $("table-version").textContent = t.version + ".";
  if (!t.runBy.length) {
    const td = el("td", "", t.none);
    td.colSpan = 2;
    body.append(el("tr", "", td));
    return;
  }
  for (const o of t.runBy) {
    // "locked" or "locked before 1.6.0": the outer command holds the lock meanwhile.
    const lock = o.locked ? el("td", "locked", o.locked.replace(/^locked/, "held")) : el("td", "", "released");
    body.append(el("tr", "", el("td", "", el("code", "", "kamal " + o.command)), lock));
  }
}

// check runs hooklint on the inputs now.
function check() {
  clearTimeout(timer);
  if (!ready) return;
  $("hook-file").textContent = ".kamal/hooks/" + hookSelect.value;
  writeHash();
  const req = { hook: hookSelect.value, source: source.value, kamalVersion: versionSelect.value, deployYml: deploy.value };
  render(JSON.parse(globalThis.hooklintLint(JSON.stringify(req))));
  if (!document.body.dataset.ready) {
    document.body.dataset.ready = "true";
    performance.mark("hooklint-first-findings");
  }
}

function later() {
  clearTimeout(timer);
  timer = setTimeout(check, DEBOUNCE_MS);
}

function start() {
  performance.mark("hooklint-ready");
  const info = JSON.parse(globalThis.hooklintInfo());
  for (const h of info.hooks) hookSelect.append(new Option(h, h));
  for (const v of info.releases) versionSelect.append(new Option(v, v));
  applyState(readHash());
  ready = true;
  check();
}

source.addEventListener("input", () => { paintEditor(); later(); });
source.addEventListener("scroll", syncScroll);
deploy.addEventListener("input", later);
hookSelect.addEventListener("change", check);
versionSelect.addEventListener("change", check);
window.addEventListener("hashchange", () => {
  if (location.href === shareLink.value) return; // our own replaceState
  applyState(readHash());
  check();
});
$("copy").addEventListener("click", async () => {
  shareLink.select();
  try {
    await navigator.clipboard.writeText(shareLink.value);
    statusLine.textContent = "Link copied.";
  } catch {
    document.execCommand("copy");
  }
});

applyState(readHash());
paintEditor();
window.addEventListener("hooklint-ready", start, { once: true });
const go = new Go();
WebAssembly.instantiateStreaming(fetch("hooklint.wasm"), go.importObject)
  .then((r) => { performance.mark("hooklint-instantiated"); go.run(r.instance); })
  .catch((err) => { statusLine.textContent = "hooklint could not start: " + err; });
