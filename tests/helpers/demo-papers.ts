import { readFileSync } from 'node:fs';
import type { Paper, Topic } from '../../src/domain/index.js';
import { parseFeed } from '../../src/ingest/index.js';
import { mergePapers, normalizeEntry } from '../../src/normalize/index.js';

const ROOT = new URL('../../', import.meta.url);

/**
 * The demo letter's input: every sample feed of paperpost.config.json, parsed, normalized and
 * merged as a run does; and the config's own topics.
 */
export async function loadDemoPapers(): Promise<{ papers: Paper[]; topics: Topic[] }> {
  const config = JSON.parse(readFileSync(new URL('paperpost.config.json', ROOT), 'utf8')) as {
    sources: { id: string; kind: string; location: string }[];
    topics?: { slug: string; label: string; keywords: string[] }[];
  };
  const papers: Paper[] = [];
  for (const source of config.sources) {
    const text = readFileSync(new URL(source.location, ROOT), 'utf8');
    const feed = await parseFeed(text, { sourceId: source.id, kind: source.kind as 'rss' });
    for (const entry of feed.entries) {
      const paper = normalizeEntry(entry);
      if (paper) papers.push(paper);
    }
  }
  const topics: Topic[] = (config.topics ?? []).map((t) => ({
    ...t,
    categories: [],
    userDefined: true,
    origin: 'config',
  }));
  return { papers: mergePapers(papers), topics };
}
