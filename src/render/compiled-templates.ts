import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PaperpostError } from '../domain/index.js';
import { MJML_OPTIONS, type MjmlSource } from './mjml-engine.js';
import { listFiles } from './templates.js';

/**
 * MJML templates are compiled once per template version, not once per edition: MJML turns the
 * template (eta tags and all) into HTML, and each edition fills that HTML with eta. This is MJML's
 * documented way with a templating language: eta control flow between MJML elements sits in
 * `<mj-raw>`, values sit in text elements (`<mj-text>`, `<mj-title>`, ...) whose content MJML keeps
 * as it is, and MJML partials come in by `<mj-include>`. Feed text never reaches MJML.
 *
 * The build compiles the shipped templates into dist/templates/ (`prebuildTemplates`), so a run on
 * them never loads MJML; other templates (a `templatesDir` of one's own, an edit in `preview`) are
 * compiled on first use and kept in memory under the same key.
 */

/** dist/templates/ beside the bundle (dist/app/); none when running from the TypeScript sources. */
export function defaultPrebuiltDir(): string | undefined {
  return !import.meta.url.endsWith('.ts')
    ? fileURLToPath(new URL('../templates/', import.meta.url))
    : undefined;
}

/** Changes when the compiled form or the way it is made changes (old build files then go unused). */
const FORMAT = 'paperpost-compiled-mjml-1';

/** One compiled template: HTML with its eta tags in place, and MJML's soft validation messages. */
export interface CompiledTemplate {
  name: string;
  /** The templates folder's key (see `templatesKey`): one compiled eta function per key and name. */
  key: string;
  html: string;
  warnings: string[];
}

/** A template file: its path relative to the folder and its text. */
export interface TemplateFile {
  rel: string;
  text: string;
}

/** Every file under `root`, sorted by relative path (forward slashes). */
export function readTemplateFiles(root: string): TemplateFile[] {
  return sortedFiles(root).map((rel) => ({ rel, text: readFileSync(path.join(root, rel), 'utf8') }));
}

function sortedFiles(root: string): string[] {
  return listFiles(root)
    .map((rel) => rel.split(path.sep).join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Key of a templates folder: the compiled format, MJML's options and every file's path and text. */
export function templatesKey(files: readonly TemplateFile[]): string {
  const hash = createHash('sha256').update(`${FORMAT}\n${JSON.stringify(MJML_OPTIONS)}\n`);
  for (const f of files) hash.update(`${f.rel}\0${f.text.length}\0${f.text}\0`);
  return hash.digest('hex').slice(0, 20);
}

/** File name of a prebuilt template: `digest.mjml` -> `digest.<key>.json`. */
export function prebuiltName(name: string, key: string): string {
  return `${name.replace(/\.mjml$/, '')}.${key}.json`;
}

/** What compiles one template file (the MJML worker or this thread). */
export type CompileMjml = (input: MjmlSource) => Promise<{ html: string; warnings: string[] }>;

/** An eta tag: `<% ... %>`, `<%= ... %>`, `<%~ ... %>` (comments are dropped before MJML). */
const ETA_TAG = /<%[\s\S]*?%>/g;
const INCLUDE = /<mj-include\s[^>]*?path="([^"]+)"[^>]*>/g;

/** A tag that prints (`<%=`, `<%~`) may appear twice in MJML's output (the title is also the body's aria-label). */
function isOutput(tag: string): boolean {
  return tag.startsWith('<%=') || tag.startsWith('<%~');
}

/** Eta tags of `name` and of the partials it `<mj-include>`s, with the file each comes from. */
function expectedTags(
  files: ReadonlyMap<string, string>,
  name: string,
  seen = new Set<string>(),
): [string, string][] {
  if (seen.has(name)) return [];
  seen.add(name);
  const text = (files.get(name) ?? '').replace(/<%\/\*[\s\S]*?\*\/%>/g, '');
  const tags: [string, string][] = [];
  for (const m of text.matchAll(ETA_TAG)) tags.push([m[0], name]);
  for (const m of text.matchAll(INCLUDE)) {
    const rel = path.posix.normalize(path.posix.join(path.posix.dirname(name), m[1] ?? ''));
    tags.push(...expectedTags(files, rel, seen));
  }
  return tags;
}

/**
 * Every eta tag of the template and its partials must come through MJML: control tags exactly as
 * often as written, printing tags at least once. A tag MJML dropped (eta control flow between MJML
 * elements but outside `<mj-raw>`) would make a letter that silently misses a part: refuse it.
 */
export function checkEtaTags(files: ReadonlyMap<string, string>, name: string, html: string): void {
  const found = new Map<string, number>();
  for (const m of html.matchAll(ETA_TAG)) found.set(m[0], (found.get(m[0]) ?? 0) + 1);
  const wanted = new Map<string, { count: number; file: string }>();
  for (const [tag, file] of expectedTags(files, name)) {
    const w = wanted.get(tag);
    if (w) w.count++;
    else wanted.set(tag, { count: 1, file });
  }
  const wrong = [...wanted].filter(([tag, { count }]) => {
    const got = found.get(tag) ?? 0;
    return got === 0 || (!isOutput(tag) && got !== count);
  });
  // A tag written once names the place best (a stray `<% } %>` could be any of several).
  const [tag, { count, file }] = wrong.find(([, w]) => w.count === 1) ??
    wrong[0] ?? ['', { count: 0, file: '' }];
  if (!tag) return;
  const got = found.get(tag) ?? 0;
  const shown = tag.length > 60 ? `${tag.slice(0, 57)}...` : tag;
  throw new PaperpostError(
    'render',
    'template-failed',
    `template ${name}: MJML ${got < count ? 'dropped' : 'repeated'} ${shown} (${file}): eta control flow between MJML elements must sit in <mj-raw>, values in a text element such as <mj-text>`,
  );
}

/** Compiles the templates of one folder once per version; see the module comment. */
export interface TemplateCompiler {
  /** The compiled form of `name` (a top-level `.mjml` file) for the folder as it is now. */
  compiled(name: string): Promise<CompiledTemplate>;
  /** True when `name` is ready without running MJML (prebuilt for this version, or compiled already). */
  ready(name: string): boolean;
}

export interface TemplateCompilerOptions {
  compile: CompileMjml;
  /** Folder of prebuilt templates (dist/templates/ of a build), if any. */
  prebuiltDir?: string | undefined;
  /** Called once per compiled template with where it came from. */
  onCompiled?: (name: string, origin: 'prebuilt' | 'compiled') => void;
}

/** Compiled templates kept in memory: a `preview` session that edits templates makes a few. */
const MEMORY_ENTRIES = 32;

export function createTemplateCompiler(dir: string, options: TemplateCompilerOptions): TemplateCompiler {
  const root = path.resolve(dir);
  const memory = new Map<string, Promise<CompiledTemplate>>();
  let snapshot: { stamp: string; key: string; files: Map<string, string> } | null = null;

  /** The folder's files and key, read again when any file's size or mtime moved. */
  const current = (): { key: string; files: Map<string, string> } => {
    const stamp = folderStamp(root);
    if (snapshot?.stamp !== stamp) {
      const files = readTemplateFiles(root);
      snapshot = { stamp, key: templatesKey(files), files: new Map(files.map((f) => [f.rel, f.text])) };
    }
    return snapshot;
  };

  const readPrebuilt = (name: string, key: string): CompiledTemplate | null => {
    if (!options.prebuiltDir) return null;
    try {
      const stored = JSON.parse(
        readFileSync(path.join(options.prebuiltDir, prebuiltName(name, key)), 'utf8'),
      ) as {
        html?: unknown;
        warnings?: unknown;
      };
      if (typeof stored.html !== 'string' || !Array.isArray(stored.warnings)) return null;
      return { name, key, html: stored.html, warnings: stored.warnings.map(String) };
    } catch {
      return null;
    }
  };

  const build = async (name: string, key: string, files: Map<string, string>): Promise<CompiledTemplate> => {
    const prebuilt = readPrebuilt(name, key);
    if (prebuilt) {
      options.onCompiled?.(name, 'prebuilt');
      return prebuilt;
    }
    const source = files.get(name);
    if (source === undefined) {
      throw new PaperpostError('render', 'template-failed', `template ${name}: not found in ${root}`);
    }
    const result = await options.compile({ source, filePath: path.join(root, name), includePath: root });
    checkEtaTags(files, name, result.html);
    options.onCompiled?.(name, 'compiled');
    return { name, key, html: result.html, warnings: result.warnings };
  };

  return {
    compiled(name) {
      const { key, files } = current();
      const id = `${key}\0${name}`;
      let entry = memory.get(id);
      if (!entry) {
        entry = build(name, key, files);
        // A failed compile is not kept: the next render (after an edit) tries again.
        entry.catch(() => memory.delete(id));
        memory.set(id, entry);
        if (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value as string);
      }
      return entry;
    },
    ready(name) {
      const { key } = current();
      const id = `${key}\0${name}`;
      if (memory.has(id)) return true;
      const prebuilt = readPrebuilt(name, key);
      if (!prebuilt) return false;
      options.onCompiled?.(name, 'prebuilt');
      memory.set(id, Promise.resolve(prebuilt));
      return true;
    },
  };
}

/** Size and mtime of every file under `root`: cheaper than reading them, moves on any edit. */
function folderStamp(root: string): string {
  return sortedFiles(root)
    .map((rel) => {
      try {
        const st = statSync(path.join(root, rel));
        return `${rel}:${st.size}:${st.mtimeMs}`;
      } catch {
        return `${rel}:gone`;
      }
    })
    .join('|');
}
