/**
 * Build step (esbuild.config.mjs): compile the shipped templates with MJML into dist/templates/,
 * one `<name>.<key>.json` per top-level `.mjml` file, so that a run on them never loads MJML.
 * A run on other templates (or edited ones: the key covers every file) compiles them itself.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkEtaTags, prebuiltName, readTemplateFiles, templatesKey } from './compiled-templates.js';
import { compileHere } from './mjml-engine.js';

/** Compile every top-level `.mjml` template of `templatesDir` into `outDir` (emptied first). */
export async function prebuildTemplates(templatesDir: string, outDir: string): Promise<string[]> {
  const root = path.resolve(templatesDir);
  const files = readTemplateFiles(root);
  const key = templatesKey(files);
  const texts = new Map(files.map((f) => [f.rel, f.text]));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const name of readdirSync(root)
    .filter((n) => n.endsWith('.mjml'))
    .sort()) {
    const source = texts.get(name) ?? '';
    const result = await compileHere({ source, filePath: path.join(root, name), includePath: root });
    checkEtaTags(texts, name, result.html);
    const warnings = result.errors.map((e) => e.formattedMessage ?? e.message ?? String(e));
    const file = path.join(outDir, prebuiltName(name, key));
    writeFileSync(file, JSON.stringify({ html: result.html, warnings }));
    written.push(file);
  }
  return written;
}
