import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, sampleSources, tempProject } from '../helpers/cli.js';

const TEMPLATES = path.join(ROOT, 'templates');

function project(extra: object = {}): string {
  return tempProject({
    title: 'Paperpost Test Letter',
    sources: sampleSources(),
    sender: { fromAddress: 'digest@paperpost.example', listId: 'test.paperpost.example' },
    seedSubscribers: [{ email: 'demo@paperpost.example', name: 'Demo Reader', frequency: 'daily' }],
    dataDir: 'data',
    ...extra,
  });
}

/** A project whose config points at a copy of the shipped templates in `folder`; its path and the copy's. */
function projectWithOwnTemplates(folder: string): { dir: string; templates: string } {
  const dir = project({ templatesDir: folder });
  const templates = path.join(dir, folder);
  cpSync(TEMPLATES, templates, { recursive: true });
  return { dir, templates };
}

/** The same markup whatever the line breaks and indentation. */
const squeeze = (html: string): string => html.replace(/\s+/g, ' ').replace(/> </g, '><');

function preview(dir: string, stdout: string): string {
  const summary = JSON.parse(stdout) as { outbox: { preview: string } };
  expect(summary.outbox.preview.startsWith(dir)).toBe(true);
  return readFileSync(summary.outbox.preview, 'utf8');
}

describe('templates compiled by MJML once: at build for the shipped ones, on first use for others', () => {
  let shipped: { dir: string; stdout: string; stderr: string; code: number | null };
  let own: { dir: string; stdout: string; stderr: string; code: number | null };

  beforeAll(async () => {
    const a = project();
    const { dir: b, templates: mine } = projectWithOwnTemplates('my-templates');
    // An edit inside MJML markup (the footer's section), which only an MJML compile can carry.
    const footer = path.join(mine, 'partials/footer.mjml');
    writeFileSync(
      footer,
      readFileSync(footer, 'utf8').replace('padding="8px 0 24px"', 'padding="8px 0 25px"'),
    );
    const env = { LOG_LEVEL: 'debug' };
    const [ra, rb] = await Promise.all([
      runCli(['run', '--json'], { cwd: a, env }),
      runCli(['run', '--json'], { cwd: b, env }),
    ]);
    shipped = { dir: a, ...ra };
    own = { dir: b, ...rb };
  }, 120_000);

  it('the build wrote one compiled file per top-level template', () => {
    const top = readdirSync(TEMPLATES).filter((f) => f.endsWith('.mjml'));
    const built = readdirSync(path.join(ROOT, 'dist', 'templates'));
    expect(top.length).toBeGreaterThanOrEqual(3);
    for (const name of top) {
      const files = built.filter(
        (f) => f.startsWith(`${name.replace(/\.mjml$/, '')}.`) && f.endsWith('.json'),
      );
      expect(files, name).toHaveLength(1);
      const stored = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'templates', files[0] ?? ''), 'utf8'));
      expect(stored.html).toContain('</html>');
      expect(stored.html).toMatch(/<%[=~ ]/); // eta tags kept for the fill
    }
  });

  it('a run on the shipped templates uses the build and never runs MJML', () => {
    expect(shipped.code).toBe(0);
    expect(shipped.stderr).toContain('digest.mjml: compiled at build');
    expect(shipped.stderr).not.toContain('compiled by MJML');
  });

  it('a run on edited templates compiles them with MJML, and the letter differs only by the edit', () => {
    expect(own.code).toBe(0);
    expect(own.stderr).toContain('digest.mjml: compiled by MJML');
    expect(own.stderr).not.toContain('compiled at build');
    const a = preview(shipped.dir, shipped.stdout);
    const b = preview(own.dir, own.stdout);
    expect(b).toContain('padding:8px 0 25px');
    expect(a).not.toContain('padding:8px 0 25px');
    expect(squeeze(b.replaceAll('8px 0 25px', '8px 0 24px'))).toBe(squeeze(a));
  });
});

describe('a template that does not follow the convention', () => {
  it('fails the run with one line naming the template and the tag MJML dropped; nothing is sent', async () => {
    const { dir, templates: mine } = projectWithOwnTemplates('old-style');
    const digest = path.join(mine, 'digest.mjml');
    // Control flow between sections, outside <mj-raw>: MJML cannot keep it.
    writeFileSync(
      digest,
      readFileSync(digest, 'utf8')
        .replace('<mj-raw><% if (it.more > 0) { %></mj-raw>', '<% if (it.more > 0) { %>')
        .replace(/<mj-raw><% } %><\/mj-raw>/, '<% } %>'),
    );
    const result = await runCli(['run', '--json'], { cwd: dir });
    expect(result.code).not.toBe(0);
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes('paperpost:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('template digest.mjml: MJML dropped <% if (it.more > 0) { %> (digest.mjml)');
    expect(lines[0]).toContain('<mj-raw>');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    const outbox = path.join(dir, 'data', 'outbox');
    const emls = (() => {
      try {
        return readdirSync(outbox, { recursive: true }).filter((f) => String(f).endsWith('.eml'));
      } catch {
        return [];
      }
    })();
    expect(emls).toEqual([]);
  }, 60_000);
});
