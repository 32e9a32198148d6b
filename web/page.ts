/**
 * The drag-and-drop page: reads dropped, chosen or pasted messages in the browser, runs the same
 * analysis as the CLI, and shows the report. Nothing leaves the page (its CSP forbids any request).
 *
 * Every header value is attacker-controlled: the report is laid out by src/render/html.ts and built
 * with createElement/textContent (web/dom.ts); this file never assigns HTML.
 */
import { uiTexts } from '../src/explain/index.js';
import { reportTree } from '../src/render/html.js';
import type { Audience, Lang, Report } from '../src/report.js';
import { toDom } from './dom.js';
import type { LoadedInput, ReadErrorCode } from './read.js';
import { analyseLoaded, load, MAX_READ_BYTES, readFile } from './read.js';
import { pageTexts } from './texts.js';

declare global {
  interface Window {
    /** What `mailwhy --format json` prints for the same inputs: one report, or an array for several (tests compare them). */
    __mailwhyLastReport?: Report | Report[] | null;
    /** Inputs that could not be read, with the reason code. */
    __mailwhyErrors?: { name: string; error: ReadErrorCode }[];
    /** Incremented after every render, so that tests can wait for the next one. */
    __mailwhyRenders?: number;
  }
}

interface State {
  lang: Lang;
  audience: Audience;
  inputs: LoadedInput[];
  /** Inputs refused when read (empty, binary, unreadable): they do not change with the language. */
  loadErrors: { name: string; error: ReadErrorCode }[];
  reports: Report[];
  /** loadErrors, then the inputs the analysis refused. */
  errors: { name: string; error: ReadErrorCode }[];
}

const state: State = {
  lang: /^ja\b/i.test(navigator.language) ? 'ja' : 'en',
  audience: 'admin',
  inputs: [],
  loadErrors: [],
  reports: [],
  errors: [],
};

function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`the page lacks #${id}`);
  return el;
}

const dropButton = byId('drop', HTMLButtonElement);
const fileInput = byId('file', HTMLInputElement);
const pasteArea = byId('paste', HTMLTextAreaElement);
const explainButton = byId('explain-paste', HTMLButtonElement);
const clearButton = byId('clear', HTMLButtonElement);
const statusLine = byId('status', HTMLElement);
const reportsBox = byId('reports', HTMLElement);

function setText(id: string, text: string): void {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
}

/** Words the page's own controls in the current language. */
function applyTexts(): void {
  const t = pageTexts[state.lang];
  document.documentElement.lang = state.lang;
  document.title = t.title;
  setText('tagline', t.tagline);
  setText('input-title', t.inputTitle);
  setText('drop-title', t.dropTitle);
  setText('drop-hint', t.dropHint);
  setText('paste-label', t.pasteLabel);
  setText('lang-label', t.langLabel);
  setText('audience-label', t.audienceLabel);
  setText('for-admins', t.forAdmins);
  setText('for-users', t.forUsers);
  setText('privacy', t.privacy);
  explainButton.textContent = t.explain;
  clearButton.textContent = t.clear;
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-lang]'))) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  }
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-audience]'))) {
    b.setAttribute('aria-pressed', String(b.dataset.audience === state.audience));
  }
}

/** Runs the analysis on every input held, in the current language. */
function analyseAll(): void {
  const reports: Report[] = [];
  const errors = [...state.loadErrors];
  for (const input of state.inputs) {
    const r = analyseLoaded(input, state.lang);
    if (r.ok) reports.push(r.report);
    else errors.push({ name: r.name, error: r.error });
  }
  state.reports = reports;
  state.errors = errors;
}

function render(announce: boolean): void {
  const t = pageTexts[state.lang];
  const reports = state.reports;
  reportsBox.replaceChildren();
  if (state.errors.length > 0) {
    const list = document.createElement('ul');
    list.className = 'read-errors';
    for (const e of state.errors) {
      const li = document.createElement('li');
      const name = document.createElement('bdi');
      name.textContent = e.name;
      li.append(name, `: ${t.readError[e.error]}`);
      list.append(li);
    }
    reportsBox.append(list);
  }
  const notices = document.createElement('ul');
  notices.className = 'read-notices';
  for (const input of state.inputs) {
    if (input.notice === undefined) continue;
    const li = document.createElement('li');
    const name = document.createElement('bdi');
    name.textContent = input.name;
    li.append(name, `: ${t.readNotice[input.notice]}`);
    notices.append(li);
  }
  if (notices.childElementCount > 0) reportsBox.append(notices);
  for (const report of reports) {
    reportsBox.append(toDom(reportTree(report, { audience: state.audience, copyLabel: t.copy })));
  }
  if (announce) {
    const first = reports[0];
    const headline = first?.findings[0]?.title;
    const verdictWord = first ? verdictLabel(first) : null;
    statusLine.textContent = t.status({
      total: reports.length,
      authenticated: reports.filter((r) => r.authenticated).length,
      first: verdictWord === null ? null : `${verdictWord}${headline ? ` — ${headline}` : ''}`,
      errors: state.errors.length,
    });
  }
  window.__mailwhyLastReport =
    reports.length === 0 ? null : reports.length === 1 ? (reports[0] as Report) : reports;
  window.__mailwhyErrors = state.errors;
  window.__mailwhyRenders = (window.__mailwhyRenders ?? 0) + 1;
}

function verdictLabel(report: Report): string {
  // The report's own label: the same word the report's badge shows.
  const labels = uiTexts[report.lang].labels;
  return report.authenticated ? labels.authenticated : labels.unauthenticated;
}

/** Replaces what is shown by these inputs (one drop or paste = one new set of reports). */
async function show(items: { name: string; bytes: Uint8Array | null; complete?: boolean }[]): Promise<void> {
  if (items.length === 0) return;
  statusLine.textContent = pageTexts[state.lang].reading;
  const inputs: LoadedInput[] = [];
  const errors: State['errors'] = [];
  for (const item of items) {
    if (item.bytes === null) {
      errors.push({ name: item.name, error: 'unreadable' });
      continue;
    }
    for (const r of await load(item.name, item.bytes, item.complete)) {
      if (r.ok) inputs.push(r.input);
      else errors.push({ name: r.name, error: r.error });
    }
  }
  state.inputs = inputs;
  state.loadErrors = errors;
  analyseAll();
  render(true);
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  reportsBox.querySelector('h2')?.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
}

async function showFiles(files: FileList | File[]): Promise<void> {
  const list = Array.from(files);
  const items = await Promise.all(
    list.map(async (f) => ({ name: f.name, bytes: await readFile(f), complete: f.size <= MAX_READ_BYTES })),
  );
  await show(items);
}

function showText(text: string): Promise<void> {
  if (text.trim() === '') return Promise.resolve();
  return show([{ name: '(pasted)', bytes: new TextEncoder().encode(text) }]);
}

// --- controls -------------------------------------------------------------------------------

dropButton.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  if (fileInput.files && fileInput.files.length > 0) void showFiles(fileInput.files);
  // Choosing the same file again must fire "change" again.
  fileInput.value = '';
});

// Drops anywhere on the page are taken (a missed drop would make the browser open the file instead).
let dragDepth = 0;
document.addEventListener('dragenter', (e) => {
  e.preventDefault();
  dragDepth++;
  document.body.classList.add('dragging');
  setText('drop-title', pageTexts[state.lang].dropping);
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) endDrag();
});
document.addEventListener('dragover', (e) => {
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  endDrag();
  const dt = e.dataTransfer;
  if (!dt) return;
  if (dt.files.length > 0) void showFiles(dt.files);
  else {
    const text = dt.getData('text/plain');
    pasteArea.value = text;
    void showText(text);
  }
});
function endDrag(): void {
  document.body.classList.remove('dragging');
  setText('drop-title', pageTexts[state.lang].dropTitle);
}

explainButton.addEventListener('click', () => void showText(pasteArea.value));
// A paste into the box explains at once; typing waits for the button (or Ctrl+Enter).
pasteArea.addEventListener('paste', () => {
  setTimeout(() => void showText(pasteArea.value), 0);
});
pasteArea.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void showText(pasteArea.value);
  }
});
// A paste anywhere else on the page (Ctrl+V after copying "Show original") explains too.
document.addEventListener('paste', (e) => {
  if (e.target === pasteArea) return;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (text.trim() === '') return;
  e.preventDefault();
  pasteArea.value = text;
  void showText(text);
});
clearButton.addEventListener('click', () => {
  pasteArea.value = '';
  state.inputs = [];
  state.loadErrors = [];
  analyseAll();
  render(false);
  statusLine.textContent = '';
  dropButton.focus();
});

for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-lang]'))) {
  b.addEventListener('click', () => {
    const lang = b.dataset.lang === 'ja' ? 'ja' : 'en';
    if (lang === state.lang) return;
    state.lang = lang;
    applyTexts();
    analyseAll();
    render(state.reports.length > 0);
  });
}
for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-audience]'))) {
  b.addEventListener('click', () => {
    const audience = b.dataset.audience === 'user' ? 'user' : 'admin';
    if (audience === state.audience) return;
    state.audience = audience;
    applyTexts();
    render(false);
  });
}

// Copy buttons: the value to copy is in data-copy (set through setAttribute, read back as text).
reportsBox.addEventListener('click', (e) => {
  const target = e.target;
  if (!(target instanceof HTMLButtonElement) || !target.classList.contains('copy')) return;
  const text = target.dataset.copy ?? '';
  const t = pageTexts[state.lang];
  const done = (ok: boolean): void => {
    target.textContent = ok ? t.copied : t.copyFailed;
    statusLine.textContent = ok ? `${t.copied}: ${text}` : t.copyFailed;
    setTimeout(() => {
      target.textContent = pageTexts[state.lang].copy;
    }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(
      () => done(true),
      () => done(copyByCommand(text)),
    );
  } else done(copyByCommand(text));
});

/** Fallback for pages where the Clipboard API is refused: select a scratch textarea and copy. */
function copyByCommand(text: string): boolean {
  const scratch = document.createElement('textarea');
  scratch.value = text;
  scratch.setAttribute('readonly', '');
  scratch.className = 'sr-only';
  document.body.append(scratch);
  scratch.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  scratch.remove();
  return ok;
}

applyTexts();
render(false);
document.body.classList.add('ready');
