import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES, tempProject } from '../helpers/cli.js';

// Issue #12, one heading per subject, from the outside: a researcher's letter of the cs.CL
// sample feed alone once had two sections "Fine-tuning and knowledge distillation" (a section
// found in the batch as "Fine-tuning" is the catalogue's topic of that name).
describe("a researcher's letter of one arXiv category feed", () => {
  it('has each section once, in the contents and in the letter', async () => {
    const dir = tempProject({
      sources: [
        { id: 'cl', kind: 'arxiv-rss', location: path.join(SAMPLES, 'arxiv-rss_cs.CL-slice_2024-11-28.xml') },
      ],
      seedSubscribers: [{ email: 'me@paperpost.example' }],
      dataDir: 'data',
    });
    const run = await runCli(['run', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const folder = path.join(dir, 'data', 'outbox', JSON.parse(run.stdout).edition.id);
    const eml = readdirSync(folder).find((f) => f.endsWith('.eml')) ?? '';
    const mail = await simpleParser(readFileSync(path.join(folder, eml)));
    const headings = [...(mail.text ?? '').matchAll(/^== \d+\. (.+) ==$/gm)].map((m) => m[1]);
    expect(headings).toContain('Fine-tuning and knowledge distillation');
    expect(new Set(headings).size).toBe(headings.length);
    const anchors = [...(mail.html || '').matchAll(/id="(topic-[^"]+)"/g)].map((m) => m[1]);
    expect(anchors.length).toBeGreaterThan(2);
    expect(new Set(anchors).size).toBe(anchors.length);
  }, 120_000);
});
