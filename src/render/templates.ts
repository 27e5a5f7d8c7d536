import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import { PaperpostError } from '../domain/index.js';
import { escapeTemplateHtml, escapeTemplateText } from './escape.js';

/** Eta templates of one directory, compiled once and compiled again when a file changes. */
export interface TemplateSet {
  /** Render an MJML/HTML template (`<%= %>` HTML-escapes). */
  renderHtml(name: string, data: object): string;
  /** Render a plain-text template (`<%= %>` only guards placeholders). */
  renderText(name: string, data: object): string;
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

function createEta(dir: string, escapeFunction: (value: unknown) => string): Eta {
  return new Eta({
    views: dir,
    cache: true,
    autoEscape: true,
    escapeFunction,
    defaultExtension: '',
  });
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
  let seen = -1;

  const refresh = (): void => {
    const mtime = newestMtime(root);
    if (mtime !== seen) {
      for (const eta of [html, text]) {
        eta.templatesSync.reset();
        eta.templatesAsync.reset();
        eta.filepathCache = {};
      }
      seen = mtime;
    }
  };

  const run = (eta: Eta, name: string, data: object): string => {
    try {
      refresh();
      return eta.render(`/${name}`, data);
    } catch (err) {
      const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
      throw new PaperpostError('render', 'template-failed', `template ${name}: ${reason}`, { cause: err });
    }
  };

  return {
    renderHtml: (name, data) => run(html, name, data),
    renderText: (name, data) => run(text, name, data),
  };
}
