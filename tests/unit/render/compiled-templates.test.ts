import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaperpostError } from '../../../src/domain/index.js';
import {
  type CompileMjml,
  checkEtaTags,
  createTemplateCompiler,
  prebuiltName,
  readTemplateFiles,
  templatesKey,
} from '../../../src/render/compiled-templates.js';
import { createRenderer } from '../../../src/render/index.js';
import { compileHere } from '../../../src/render/mjml-engine.js';
import { prebuildTemplates } from '../../../src/render/prebuild-templates.js';
import { mergeOutlookConditionals } from '../../../src/render/renderer.js';
import { loadPapers, makeEdition, rendererOptions, TEMPLATES_DIR } from './fixture.js';

const ALL = { key: 'daily:*', frequency: 'daily' as const, topics: [] };

/** MJML in this thread, counting compiles. */
function countingCompile(): { compile: CompileMjml; count: () => number } {
  let n = 0;
  return {
    compile: async (input) => {
      n++;
      const out = await compileHere(input);
      return { html: out.html, warnings: out.errors.map((e) => e.message ?? '') };
    },
    count: () => n,
  };
}

describe('checkEtaTags: every eta tag must come through MJML', () => {
  const files = new Map([
    [
      'a.mjml',
      '<%/* note */%><mjml><mj-body><mj-raw><% if (it.x) { %></mj-raw><mj-include path="./p.mjml" /><mj-raw><% } %></mj-raw></mj-body></mjml>',
    ],
    ['p.mjml', '<mj-section><mj-column><mj-text><%= it.v %></mj-text></mj-column></mj-section>'],
  ]);
  it.each([
    ['all kept', '<% if (it.x) { %><div><%= it.v %></div><% } %>', null],
    ['a printing tag twice (title and aria-label)', '<% if (it.x) { %><%= it.v %> <%= it.v %><% } %>', null],
    ['a control tag dropped', '<%= it.v %><% } %>', /MJML dropped <% if \(it\.x\) \{ %> \(a\.mjml\)/],
    [
      'a printing tag of a partial dropped',
      '<% if (it.x) { %><% } %>',
      /MJML dropped <%= it\.v %> \(p\.mjml\)/,
    ],
    ['a control tag repeated', '<% if (it.x) { %><% if (it.x) { %><%= it.v %><% } %>', /MJML repeated <% if/],
  ])('%s', (_label, html, error) => {
    const check = () => checkEtaTags(files, 'a.mjml', html);
    if (error === null) expect(check).not.toThrow();
    else {
      expect(check).toThrow(PaperpostError);
      expect(check).toThrow(error);
      expect(check).toThrow(/must sit in <mj-raw>/);
    }
  });
});

describe('mergeOutlookConditionals', () => {
  it.each([
    [
      '<!--[if mso | IE]><table><tr><td><![endif]-->x<!--[if mso | IE]></td></tr></table><![endif]-->',
      'unchanged',
    ],
    [
      '<!--[if mso | IE]></td></tr></table><![endif]-->\n<!--[if mso | IE]><table><tr><td><![endif]-->',
      '<!--[if mso | IE]></td></tr></table><table><tr><td><![endif]-->',
    ],
    ['a<![endif]--><!--[if mso | IE]>b', 'ab'],
  ])('%s', (input, expected) => {
    expect(mergeOutlookConditionals(input)).toBe(expected === 'unchanged' ? input : expected);
  });
});

describe('template compiler', () => {
  let dir: string;
  let built: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'paperpost-compiled-'));
    cpSync(TEMPLATES_DIR, path.join(dir, 'templates'), { recursive: true });
    built = path.join(dir, 'built');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the key covers every file: any edit makes a new key', () => {
    const files = readTemplateFiles(TEMPLATES_DIR);
    const key = templatesKey(files);
    expect(key).toMatch(/^[0-9a-f]{20}$/);
    expect(templatesKey(files)).toBe(key);
    for (const i of [0, files.length - 1]) {
      const edited = files.map((f, j) => (j === i ? { ...f, text: `${f.text} ` } : f));
      expect(templatesKey(edited)).not.toBe(key);
    }
    expect(templatesKey(files.slice(1))).not.toBe(key);
  });

  it('compiles a template once for any number of editions, variants and letters', async () => {
    const counter = countingCompile();
    const compiler = createTemplateCompiler(path.join(dir, 'templates'), { compile: counter.compile });
    expect(compiler.ready('digest.mjml')).toBe(false);
    const a = await compiler.compiled('digest.mjml');
    const b = await compiler.compiled('digest.mjml');
    expect(b).toBe(a);
    expect(counter.count()).toBe(1);
    expect(compiler.ready('digest.mjml')).toBe(true);
    expect(a.html).toContain('<% it.sections.forEach(function (section) { %>');
  });

  it('uses the build output when its key matches, and compiles when a file changed since', async () => {
    const written = await prebuildTemplates(path.join(dir, 'templates'), built);
    expect(written.map((f) => path.basename(f).split('.')[0]).sort()).toEqual([
      'confirm',
      'digest',
      'welcome',
    ]);
    const counter = countingCompile();
    const origins: string[] = [];
    const compiler = createTemplateCompiler(path.join(dir, 'templates'), {
      compile: counter.compile,
      prebuiltDir: built,
      onCompiled: (name, origin) => origins.push(`${name} ${origin}`),
    });
    expect(compiler.ready('digest.mjml')).toBe(true);
    const fromBuild = await compiler.compiled('digest.mjml');
    expect(counter.count()).toBe(0);
    expect(origins).toEqual(['digest.mjml prebuilt']);
    const stored = JSON.parse(
      readFileSync(path.join(built, prebuiltName('digest.mjml', fromBuild.key)), 'utf8'),
    );
    expect(fromBuild.html).toBe(stored.html);

    const footer = path.join(dir, 'templates', 'partials', 'footer.mjml');
    writeFileSync(
      footer,
      readFileSync(footer, 'utf8').replace('padding="8px 0 24px"', 'padding="8px 0 30px"'),
    );
    utimesSync(footer, new Date(), new Date(Date.now() + 5_000));
    expect(compiler.ready('digest.mjml')).toBe(false);
    const edited = await compiler.compiled('digest.mjml');
    expect(counter.count()).toBe(1);
    expect(edited.key).not.toBe(fromBuild.key);
    expect(edited.html).toContain('padding:8px 0 30px');
    expect(origins).toEqual(['digest.mjml prebuilt', 'digest.mjml compiled']);
  });

  it('a prebuilt file that is not a compiled template is ignored, not trusted', async () => {
    const own = path.join(dir, 'own');
    cpSync(TEMPLATES_DIR, own, { recursive: true });
    const key = templatesKey(readTemplateFiles(own));
    const fake = path.join(dir, 'fake');
    mkdirSync(fake, { recursive: true });
    writeFileSync(path.join(fake, prebuiltName('digest.mjml', key)), '{"html": 42}');
    const counter = countingCompile();
    const compiler = createTemplateCompiler(own, { compile: counter.compile, prebuiltDir: fake });
    expect(compiler.ready('digest.mjml')).toBe(false);
    expect((await compiler.compiled('digest.mjml')).html).toContain('</html>');
    expect(counter.count()).toBe(1);
  });

  it('a failed compile is not kept: the fixed template compiles on the next render', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'paperpost-compiled-fail-'));
    try {
      cpSync(TEMPLATES_DIR, own, { recursive: true });
      const digest = path.join(own, 'digest.mjml');
      const original = readFileSync(digest, 'utf8');
      writeFileSync(
        digest,
        original.replace('<mj-raw><% if (it.more > 0) { %></mj-raw>', '<% if (it.more > 0) { %>'),
      );
      const renderer = createRenderer(rendererOptions({ templatesDir: own }));
      const edition = makeEdition(loadPapers().slice(0, 5));
      const error = await renderer.renderVariant(edition, ALL).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PaperpostError);
      expect((error as PaperpostError).message).toBe(
        'template digest.mjml: MJML dropped <% if (it.more > 0) { %> (digest.mjml): eta control flow between MJML elements must sit in <mj-raw>, values in a text element such as <mj-text>',
      );
      writeFileSync(digest, original);
      utimesSync(digest, new Date(), new Date(Date.now() + 5_000));
      const fixed = await renderer.renderVariant(edition, ALL);
      expect(fixed.html).toContain('</html>');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});
