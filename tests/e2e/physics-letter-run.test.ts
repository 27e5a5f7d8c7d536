import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { ofComputingOrLearns } from '../helpers/applied.js';
import { readerConfig, tempProject } from '../helpers/cli.js';
import { runEdition } from '../helpers/run-edition.js';

/**
 * Issue #12, a physicist's letter through `paperpost run`: the arXiv physics feed of 2024-11-28
 * (tests/fixtures/topics/one-field-physics.jsonl, its 90 papers written back as arXiv's RSS) read
 * through the shipped catalogue as a run reads it, "applied" topics and classes included.
 */
interface Row {
  id: string;
  title: string;
  abstract: string;
  categories: string[];
}

const rows = readFileSync(new URL('../fixtures/topics/one-field-physics.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The rows as arXiv's RSS lists them (title, abstract, categories). */
function arxivRss(papers: readonly Row[]): string {
  const items = papers.map(
    (p) => `<item>
  <title>${xml(p.title)}</title>
  <link>https://arxiv.org/abs/${p.id}</link>
  <description>arXiv:${p.id}v1 Announce Type: new
Abstract: ${xml(p.abstract)}</description>
  <guid isPermaLink="false">oai:arXiv.org:${p.id}v1</guid>
${p.categories.map((c) => `  <category>${c}</category>`).join('\n')}
  <pubDate>Thu, 28 Nov 2024 00:00:00 -0500</pubDate>
  <arxiv:announce_type>new</arxiv:announce_type>
  <dc:creator>A. Author</dc:creator>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">
<channel><title>physics updates on arXiv.org</title><link>http://rss.arxiv.org/rss/physics</link>
<description>physics updates on the arXiv.org e-print archive.</description>
<pubDate>Thu, 28 Nov 2024 00:00:00 -0500</pubDate>
${items.join('\n')}
</channel></rss>`;
}

describe("paperpost run: a physicist's letter", () => {
  let edition: Edition;

  beforeAll(async () => {
    const config = readerConfig(
      'Physics',
      'physics',
      [{ id: 'arxiv-physics', kind: 'arxiv-rss', location: 'physics.xml' }],
      [{ email: 'physicist@paperpost.example' }],
    );
    const dir = tempProject(config);
    writeFileSync(path.join(dir, 'physics.xml'), arxivRss(rows));
    ({ edition } = await runEdition(dir));
  }, 120_000);

  it('puts under "AI for science" and "Medical AI" only papers of computing or that learn', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const applied = edition.sections.flatMap((s) =>
      s.papers.filter((p) => {
        const topic = s.topic.paperTopics?.[p.id] ?? s.topic.slug;
        return topic === 'ai-for-science' || topic === 'medical-ai';
      }),
    );
    expect(applied.length).toBeGreaterThan(0);
    for (const p of applied) {
      const row = byId.get(p.id.replace(/v\d+$/, '')) as Row;
      const fits = ofComputingOrLearns(`${row.title} ${row.abstract}`, row.categories);
      expect(`${row.title}: ${fits}`).toBe(`${row.title}: true`);
    }
  });

  it("reads the physics archive's papers in its classes", () => {
    const labels = edition.sections.map((s) => s.topic.label);
    expect(labels).toContain('Optics');
    expect(labels).not.toContain('Physics');
  });
});
