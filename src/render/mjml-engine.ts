import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** One message of MJML's validator. */
export interface MjmlError {
  formattedMessage?: string;
  message?: string;
}

/** What mjml2html gives back (the part used here). */
export interface MjmlOutput {
  html: string;
  errors: MjmlError[];
}

export type Mjml2Html = (
  source: string,
  options: Record<string, unknown>,
) => Promise<{ html: string; errors?: MjmlError[] }>;

/**
 * Soft validation, no web fonts, nothing minified (minify needs cssnano 8 / Node 22). MJML only
 * ever compiles template files (never feed text: templates are compiled first and filled after,
 * see compiled-templates.ts), so `<mj-include>` is on, confined to the templates directory
 * (`includePath`, given per compile). The same options in the worker and in this thread.
 */
export const MJML_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({
  validationLevel: 'soft',
  keepComments: false,
  minify: false,
  beautify: false,
  fonts: {},
  ignoreIncludes: false,
  useMjmlConfigOptions: false,
});

/** One template file to compile: its text, its path (includes resolve from it) and the folder includes may read. */
export interface MjmlSource {
  source: string;
  filePath: string;
  includePath: string;
}

/** Eta comments (`<%/* ... *\/%>`) print nothing; outside the <mjml> root MJML would refuse them. */
const ETA_COMMENT = /<%\/\*[\s\S]*?\*\/%>\n?/g;

/** MJML preprocessor (it runs on every file, included partials too): drop the eta comments. */
export function dropEtaComments(xml: string): string {
  return xml.replace(ETA_COMMENT, '');
}

const require = createRequire(import.meta.url);
let loaded: Mjml2Html | undefined;

/** mjml costs ~0.4 s to load: load it on the first compile, not at import time. */
export function loadMjml(): Mjml2Html {
  if (!loaded) {
    const mod = require('mjml') as Mjml2Html | { default: Mjml2Html };
    loaded = typeof mod === 'function' ? mod : mod.default;
  }
  return loaded;
}

/**
 * Use this mjml2html instead of loading the package: the worker bundles mjml into its own file
 * (no module resolution of ~150 packages at start), the main thread keeps loading it on demand.
 */
export function useMjml(mjml2html: Mjml2Html): void {
  loaded = mjml2html;
}

/** Compile in this thread. */
export async function compileHere(input: MjmlSource): Promise<MjmlOutput> {
  const result = await loadMjml()(dropEtaComments(input.source), {
    ...MJML_OPTIONS,
    filePath: input.filePath,
    includePath: input.includePath,
    preprocessors: [dropEtaComments],
  });
  return { html: result.html, errors: (result.errors ?? []).map(plainError) };
}

function plainError(e: MjmlError): MjmlError {
  return { formattedMessage: e.formattedMessage, message: e.message ?? String(e) };
}

/** What the worker is asked: an MJML compile. */
export type WorkerRequest = { id: number; op: 'mjml'; input: MjmlSource };

/** What the worker answers: `output` of a compile, or `error`. */
export interface WorkerReply {
  id: number;
  output?: MjmlOutput;
  error?: string;
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (err: Error) => void;
}

/** A worker thread that loads mjml at start and compiles on request. */
interface MjmlWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  next: number;
}

let background: MjmlWorker | null = null;
let workerFailed = false;

function workerFile(): string | null {
  // Built (dist/app/) only: from TypeScript sources (tests) the compile stays in this thread.
  if (import.meta.url.endsWith('.ts')) return null;
  const file = fileURLToPath(new URL('./mjml-worker.js', import.meta.url));
  return existsSync(file) ? file : null;
}

function failAll(state: MjmlWorker, err: Error): void {
  for (const p of state.pending.values()) p.reject(err);
  state.pending.clear();
}

function startWorker(): MjmlWorker | null {
  if (background || workerFailed) return background;
  const file = workerFile();
  if (!file) return null;
  const state: MjmlWorker = { worker: new Worker(file), pending: new Map(), next: 1 };
  state.worker.on('message', (msg: WorkerReply) => {
    const p = state.pending.get(msg.id);
    if (!p) return;
    state.pending.delete(msg.id);
    if (state.pending.size === 0) state.worker.unref();
    if (msg.error === undefined) p.resolve(msg);
    else p.reject(new Error(msg.error));
  });
  const stop = (err: Error): void => {
    workerFailed = true;
    if (background === state) background = null;
    failAll(state, err);
  };
  state.worker.on('error', (err) => stop(err instanceof Error ? err : new Error(String(err))));
  state.worker.on('exit', (code) => stop(new Error(`MJML worker exited (${code})`)));
  // After the listeners: adding a 'message' listener refs the worker again.
  state.worker.unref();
  background = state;
  return state;
}

/**
 * Start loading mjml in a worker thread now, so the load overlaps the work before the first
 * render (fetching, parsing, grouping). The worker does not keep the process alive. Without a
 * built worker file (tests run the sources) this does nothing and compiles stay in-thread.
 */
export function preloadMjml(): void {
  startWorker();
}

/** Send one request to the worker and wait for its reply. */
function ask(state: MjmlWorker, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise<WorkerReply>((resolve, reject) => {
    state.pending.set(request.id, { resolve, reject });
    state.worker.ref();
    state.worker.postMessage(request);
  });
}

/**
 * Compile MJML: in the preloaded worker when there is one (falling back to this thread if it
 * fails), else in this thread.
 */
export async function runMjml(input: MjmlSource): Promise<MjmlOutput> {
  const state = background;
  if (!state) return compileHere(input);
  try {
    const reply = await ask(state, { id: state.next++, op: 'mjml', input });
    if (!reply.output) throw new Error('MJML worker sent no output');
    return reply.output;
  } catch (err) {
    if (!workerFailed) throw err;
    return compileHere(input);
  }
}
