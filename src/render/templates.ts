import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Eta, type TemplateFunction } from 'eta';
import { PaperpostError } from '../domain/index.js';
import type { CompiledTemplate } from './compiled-templates.js';
import { escapeTemplateHtml, escapeTemplateText } from './escape.js';

/** Eta templates of one directory, compiled once and compiled again when a file changes. */
export interface TemplateSet {
  /** Render a plain-text template (`<%= %>` only guards placeholders). */
  renderText(name: string, data: object): string;
  /** Fill a template MJML compiled (HTML with eta tags; see compiled-templates.ts). */
  renderCompiled(template: CompiledTemplate, data: object): string;
}

/** Newest modification time of any file under `dir` (templates are a handful of files). */
function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

function createEta(dir: string, escapeFunction: (value: unknown) => string, debug = false): Eta {
  return new Eta({
    views: dir,
    cache: true,
    autoEscape: true,
    escapeFunction,
    defaultExtension: '',
    debug,
  });
}

/** Every file under `dir`, relative paths. */
export function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(prefix, entry.name);
    return entry.isDirectory() ? listFiles(dir, rel) : entry.isFile() ? [rel] : [];
  });
}

/**
 * "partials/x.mjml:12: Unexpected token ')'" for a template whose generated code does not parse
 * (Eta only says "Bad template syntax"): each file is compiled on its own and the JavaScript
 * error's line is mapped back to the template line Eta's debug mode records.
 */
export function locateSyntaxError(eta: Eta, root: string): string | undefined {
  for (const rel of listFiles(root)) {
    let code: string;
    try {
      code = eta.compileToString(readFileSync(path.join(root, rel), 'utf8'), { async: false });
    } catch (err) {
      const first = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return `${rel}: ${first}`;
    }
    try {
      new vm.Script(`(function (it, options) {\n${code}\n})`, { filename: 'template.js' });
    } catch (err) {
      const at = Number(/template\.js:(\d+)/.exec((err as Error).stack ?? '')?.[1] ?? 0);
      const lines = code.split('\n').slice(0, Math.max(0, at - 1));
      const marks = lines.flatMap((l) => /^__eta\.line=(\d+)$/.exec(l)?.[1] ?? []);
      const line = marks.at(-1) ?? '1';
      return `${rel}:${line}: ${(err as Error).message}`;
    }
  }
  return undefined;
}

/** One line for a failed render: "file:line: reason" wherever Eta can tell. */
function describeTemplateError(err: unknown, eta: Eta, root: string): string {
  // Each including template wraps the error of the one it includes (as its `cause`).
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 20; e = e.cause) chain.push(e);
  if (chain.some((e) => e.message.startsWith('Bad template syntax'))) {
    const located = locateSyntaxError(eta, root);
    if (located) return located;
  }
  // Eta's debug runtime error: "<path>:<line>\n<excerpt>\n\n<reason>"; the innermost names the file.
  const pattern = /^(\/[^\n]*?):(\d+)\n[\s\S]*\n\n([^\n]+)$/;
  const runtime = chain
    .map((e) => pattern.exec(e.message))
    .filter((m) => m !== null)
    .at(-1);
  if (runtime) return `${path.relative(root, runtime[1] ?? '')}:${runtime[2]}: ${runtime[3]}`;
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? 'error';
}

/**
 * Load the templates of `dir`. Before each render the directory's newest mtime is checked and
 * the compiled cache is dropped when it moved, so the preview shows edits without a restart.
 * Any template error rejects with a `PaperpostError` (never half a document).
 */
export function createTemplateSet(dir: string): TemplateSet {
  const root = path.resolve(dir);
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new PaperpostError('render', 'templates-missing', `${root}: templates directory not readable`, {
      cause: err,
    });
  }
  const html = createEta(root, escapeTemplateHtml);
  const text = createEta(root, escapeTemplateText);
  // Eta's debug mode tracks template lines: used only to explain a failed render.
  const debugHtml = createEta(root, escapeTemplateHtml, true);
  const debugText = createEta(root, escapeTemplateText, true);
  let seen = -1;

  const refresh = (): void => {
    const mtime = newestMtime(root);
    if (mtime !== seen) {
      for (const eta of [html, text, debugHtml, debugText]) {
        eta.templatesSync.reset();
        eta.templatesAsync.reset();
        eta.filepathCache = {};
      }
      seen = mtime;
    }
  };

  const renderText = (name: string, data: object): string => {
    try {
      refresh();
      return text.render(`/${name}`, data);
    } catch (err) {
      let located: unknown = err;
      try {
        debugText.render(`/${name}`, data);
      } catch (again) {
        located = again;
      }
      const reason = describeTemplateError(located, debugText, root);
      throw new PaperpostError('render', 'template-failed', `template ${name}: ${reason}`, { cause: err });
    }
  };

  // Eta functions of compiled templates, by template key and name (a few per folder version).
  const compiledFns = new Map<string, TemplateFunction>();
  const renderCompiled = (template: CompiledTemplate, data: object): string => {
    const id = `${template.key}\0${template.name}`;
    try {
      refresh();
      let fn = compiledFns.get(id);
      if (!fn) {
        fn = html.compile(template.html);
        compiledFns.set(id, fn);
        if (compiledFns.size > 32) compiledFns.delete(compiledFns.keys().next().value as string);
      }
      return html.render(fn, data);
    } catch (err) {
      // Again in debug mode: an error in an included partial then names its file and line.
      let located: unknown = err;
      try {
        debugHtml.render(debugHtml.compile(template.html), data);
      } catch (again) {
        located = again;
      }
      const reason = describeTemplateError(located, debugHtml, root);
      throw new PaperpostError('render', 'template-failed', `template ${template.name}: ${reason}`, {
        cause: err,
      });
    }
  };

  return {
    renderText,
    renderCompiled,
  };
}
