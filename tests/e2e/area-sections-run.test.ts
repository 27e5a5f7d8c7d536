import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition, Section } from '../../src/domain/index.js';
import { createStore } from '../../src/store/index.js';
import { readerConfig, SAMPLES, tempProject } from '../helpers/cli.js';
import { outboxText, runEdition } from '../helpers/run-edition.js';

// One day of Hugging Face papers alone (a personal digest): several topics hold one paper each.
const config = readerConfig(
  'One day',
  'day',
  [{ id: 'hf-papers-rss', kind: 'rss', location: path.join(SAMPLES, 'hf-papers-rss_2026-08-22.xml') }],
  [
    { email: 'all@paperpost.example' },
    { email: 'images@paperpost.example', topics: ['image-generation'] },
    { email: 'series@paperpost.example', topics: ['time-series'] },
    // The day has no medical paper: this reader gets no mail, and the ledger says so.
    { email: 'medical@paperpost.example', topics: ['medical-ai'] },
  ],
);

describe("paperpost run: a broad area's section reaches the subscribers of its papers' topics", () => {
  let dir: string;
  let edition: Edition;
  let area: Section;
  let other: Section;
  let counts: Map<string, number>;
  let summary: { ledger: { created: number; skipped: number; variants: string[] } };
  let skipped: string[];
  const text = async (who: string): Promise<string> => (await outboxText(dir, edition.id, who)) as string;

  beforeAll(async () => {
    dir = tempProject(config);
    const run = await runEdition(dir);
    ({ edition, skipped } = run);
    summary = JSON.parse(run.stdout);
    const store = await createStore({ driver: 'sqlite', path: path.join(dir, 'data', 'paperpost.db') });
    counts = await store.catalogue.topicPaperCounts();
    await store.close();
    area = edition.sections.find(
      (s) => s.topic.paperTopics !== undefined && s.topic.slug !== 'other',
    ) as Section;
    other = edition.sections.find((s) => s.topic.slug === 'other') as Section;
  }, 120_000);

  it('gathers single papers of related topics under the area heading, each with its topic', () => {
    expect(area?.topic.label).toBe('Computer vision');
    expect(area.papers.length).toBeGreaterThanOrEqual(2);
    const own = area.topic.paperTopics ?? {};
    expect(Object.keys(own).sort()).toEqual(area.papers.map((p) => p.id).sort());
    // No topic of its papers has a section of its own in the letter.
    const sections = new Set(edition.sections.map((s) => s.topic.slug));
    for (const slug of Object.values(own)) expect(sections.has(slug)).toBe(false);
  });

  it("counts the area's papers for their own topics in the catalogue, never for the area", () => {
    const own = Object.values(area.topic.paperTopics ?? {});
    for (const slug of new Set(own)) expect(counts.get(slug)).toBe(own.filter((s) => s === slug).length);
    expect(counts.has(area.topic.slug)).toBe(false);
  });

  it("gives an image-generation subscriber the area's image-generation papers, and the rest to everyone", async () => {
    const own = area.topic.paperTopics ?? {};
    const images = area.papers.filter((p) => own[p.id] === 'image-generation');
    expect(images.length).toBeGreaterThan(0);
    const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
    const mine = oneLine(await text('images@paperpost.example'));
    const everyone = oneLine(await text('all@paperpost.example'));
    expect(mine).toContain('Computer vision');
    // Its "Stop one topic" link leaves the subscriber's topic, and says so.
    expect(mine).toMatch(/Stop one topic: Image generation and editing: http\S+\/unsubscribe\/topic\?token=/);
    for (const p of area.papers) {
      const title = oneLine(p.title).slice(0, 40);
      expect(everyone).toContain(title);
      // Each paper says its own topic first: why it is under the area's heading.
      const tag = area.topic.topicLabels?.[own[p.id] as string] as string;
      expect(everyone).toContain(`${tag} · in HF daily`);
      if (own[p.id] === 'image-generation') expect(mine).toContain(title);
      else expect(mine).not.toContain(title);
    }
  });

  it('says in "More papers" the topic a paper names, counts it there and sends it to that topic\'s subscribers', async () => {
    // The day's one time-series paper has no section of its own: it sits in "More papers".
    const own = other?.topic.paperTopics ?? {};
    const series = other.papers.filter((p) => own[p.id] === 'time-series');
    expect(series.map((p) => p.title)).toEqual([expect.stringMatching(/^TinyCast: /)]);
    expect(other.topic.topicLabels?.['time-series']).toBe('Time series');
    expect(counts.get('time-series')).toBe(1);
    const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
    const everyone = oneLine(await text('all@paperpost.example'));
    expect(everyone).toContain('Time series · in HF daily');
    // A reader of time series alone reads it under "Time series": nothing is "more" to them.
    const mine = oneLine(await text('series@paperpost.example'));
    expect(mine).toContain('here is 1 trending paper in 1 topic.');
    expect(mine).toContain('== 1. Time series ==');
    expect(mine).not.toContain('More papers');
    expect(mine).toContain(oneLine((series[0] as Section['papers'][number]).title).slice(0, 40));
    for (const p of other.papers.filter((p) => own[p.id] !== 'time-series'))
      expect(mine).not.toContain(oneLine(p.title).slice(0, 40));
    // Its one link leaves the topic the reader chose, not "More papers".
    expect(mine).toMatch(/Stop one topic: Time series: http\S+\/unsubscribe\/topic\?token=/);
  });

  it('sends nothing to a reader whose topics the edition has nothing of, and records it as skipped', () => {
    expect(edition.sections.some((s) => s.topic.slug === 'medical-ai')).toBe(false);
    expect(skipped).toEqual(['medical@paperpost.example']);
    expect(summary.ledger).toMatchObject({ created: 4, skipped: 1 });
    // Its variant is never rendered: nothing to send.
    expect(summary.ledger.variants).not.toContain('daily:medical-ai');
    expect(summary.ledger.variants).toContain('daily:time-series');
    const folder = path.join(dir, 'data', 'outbox', edition.id);
    const mails = readdirSync(folder).filter((f) => f.endsWith('.eml'));
    expect(mails).toHaveLength(3);
    expect(mails.some((f) => f.includes('medical@'))).toBe(false);
  });
});
