import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { ofComputingOrLearns } from '../helpers/applied.js';
import { type RssRow, runArxivListing } from '../helpers/arxiv-rss.js';

/**
 * Issue #12, a physicist's letter through `paperpost run`: the arXiv physics feed of 2024-11-28
 * (tests/fixtures/topics/one-field-physics.jsonl, its 90 papers written back as arXiv's RSS) read
 * through the shipped catalogue as a run reads it, "applied" topics and classes included.
 */
type Row = RssRow;

const rows = readFileSync(new URL('../fixtures/topics/one-field-physics.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);

describe("paperpost run: a physicist's letter", () => {
  let edition: Edition;

  beforeAll(async () => {
    ({ edition } = await runArxivListing(rows, {
      title: 'Physics',
      channel: 'physics',
      readers: [{ email: 'physicist@paperpost.example' }],
    }));
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
