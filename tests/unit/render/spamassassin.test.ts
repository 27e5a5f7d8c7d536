import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createRenderer, personalize } from '../../../src/render/index.js';
import { describeWith } from '../../helpers/requirements.js';
import { buildEml } from './eml.js';
import { loadPapers, makeEdition, rendererOptions, SAMPLE_VALUES } from './fixture.js';

const SPAMASSASSIN = '/usr/bin/spamassassin';

/** Score and rule names of `spamassassin -L -t` (local tests only, no network). */
function score(eml: Buffer, home: string): { points: number; rules: string[] } {
  const prefs = path.join(home, 'user_prefs');
  writeFileSync(prefs, '');
  const run = spawnSync(SPAMASSASSIN, ['-L', '-t', '-p', prefs], {
    input: eml,
    env: { ...process.env, HOME: home },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const match = /Content analysis details:\s+\((-?[\d.]+) points/.exec(run.stdout);
  if (!match) throw new Error(`spamassassin gave no report: ${run.stderr.split('\n')[0]}`);
  const table = run.stdout.slice(run.stdout.indexOf('---- ----'));
  const rules = [...table.matchAll(/^\s*-?[\d.]+\s+([A-Z0-9_]+)\s/gm)].map((m) => m[1] ?? '');
  return { points: Number(match[1]), rules };
}

describeWith(existsSync(SPAMASSASSIN), '/usr/bin/spamassassin not installed', 'SpamAssassin', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'paperpost-sa-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('scores a rendered 50-paper edition <= 1.0 with no HTML_ or MIME_ rule hits', async () => {
    const renderer = createRenderer(rendererOptions());
    const rendered = await renderer.renderVariant(makeEdition(loadPapers().slice(0, 50)), {
      key: 'daily:*',
      frequency: 'daily',
      topics: [],
    });
    const result = score(await buildEml(personalize(rendered, SAMPLE_VALUES)), home);
    expect(result.points).toBeLessThanOrEqual(1.0);
    // HTML_MESSAGE (0.001, "HTML included in message") fires for every HTML mail: informational.
    const hits = result.rules.filter((r) => /^(HTML_|MIME_)/.test(r) && r !== 'HTML_MESSAGE');
    expect(hits).toEqual([]);
    expect(result.rules).toContain('HTML_MESSAGE');
  });

  it('scores the confirmation mail <= 1.0 with no HTML_ or MIME_ rule hits', async () => {
    const renderer = createRenderer(rendererOptions());
    const mail = await renderer.renderConfirmation({
      confirmUrl: 'https://paperpost.example/confirm/abc',
      email: 'ada@example.org',
    });
    const result = score(await buildEml(mail, { withoutListHeaders: true }), home);
    expect(result.points).toBeLessThanOrEqual(1.0);
    expect(result.rules.filter((r) => /^(HTML_|MIME_)/.test(r) && r !== 'HTML_MESSAGE')).toEqual([]);
  });
});
