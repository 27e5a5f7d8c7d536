import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../src/domain/index.js';
import { readerConfig, tempProject } from '../helpers/cli.js';
import { outboxText, runEdition } from '../helpers/run-edition.js';

// A quiet day: the recorded Hugging Face reply of 2026-07-31 holds five papers on five subjects,
// a letter of one section ("More papers"). A reader of one topic still gets that topic's paper.
const FEED = path.resolve(import.meta.dirname, '../fixtures/feeds/hf-daily-2026-07-31.json');
const config = readerConfig(
  'Quiet day',
  'quiet',
  [{ id: 'hf-daily', kind: 'hf-daily', location: FEED }],
  [
    { email: 'all@paperpost.example' },
    { email: 'agents@paperpost.example', topics: ['llm-agents'] },
    { email: 'medical@paperpost.example', topics: ['medical-ai'] },
  ],
);

describe('paperpost run on a quiet day of five papers on five subjects', () => {
  let dir: string;
  let edition: Edition;
  let skipped: string[];

  beforeAll(async () => {
    dir = tempProject(config);
    ({ edition, skipped } = await runEdition(dir));
  }, 120_000);

  it('makes one "More papers" section whose cards say the topic each paper names', () => {
    expect(edition.sections.map((s) => s.topic.slug)).toEqual(['other']);
    const tags = edition.sections[0]?.topic.paperTopics ?? {};
    expect(Object.values(tags)).toContain('llm-agents');
  });

  it("gives a reader of LLM agents the day's agents paper, and skips a reader of a topic with none", async () => {
    const mail = (await outboxText(dir, edition.id, 'agents@paperpost.example'))?.replace(/\s+/g, ' ');
    expect(mail).toContain('An Online Reliability Memory for LLM-based Multi-Agent Systems');
    expect(mail).toContain('== 1. LLM agents ==');
    expect(mail).not.toContain('Pedestrian Archetypes');
    expect(skipped).toEqual(['medical@paperpost.example']);
    const all = (await outboxText(dir, edition.id, 'all@paperpost.example'))?.replace(/\s+/g, ' ');
    expect(all).toContain('Pedestrian Archetypes');
  });
});
