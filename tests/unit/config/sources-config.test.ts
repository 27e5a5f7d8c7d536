import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';

function load(config: object) {
  const dir = mkdtempSync(path.join(tmpdir(), 'paperpost-config-'));
  const file = path.join(dir, 'paperpost.config.json');
  writeFileSync(file, JSON.stringify(config));
  return loadConfig({ file, env: {}, cwd: dir, packageRoot: dir });
}

describe('sources configured by meaning', () => {
  it('accepts live sources without a location, and the fetch settings with their defaults', () => {
    const config = load({
      sources: [
        { id: 'hf', kind: 'hf-daily', sort: 'publishedAt' },
        { id: 'ax', kind: 'arxiv-rss', categories: ['cs.CL', 'astro-ph.GA', 'hep-th'] },
        { id: 'q', kind: 'arxiv-api', query: 'abs:"long context"', maxResults: 50 },
        { id: 'subs', kind: 'opml', location: 'feeds.opml' },
      ],
      fetch: { contact: 'ops@lab.example.org' },
    });
    expect(config.sources).toHaveLength(4);
    expect(config.fetch).toEqual({
      contact: 'ops@lab.example.org',
      endpoints: {
        huggingface: 'https://huggingface.co',
        arxivRss: 'https://rss.arxiv.org',
        arxivApi: 'https://export.arxiv.org',
      },
      hostIntervalMs: 1000,
      arxivApiIntervalMs: 3000,
    });
  });

  it.each([
    [{ id: 'ax', kind: 'arxiv-rss' }, 'sources.0.location: a location, unless the source is hf-daily'],
    [{ id: 'q', kind: 'arxiv-api' }, 'sources.0.location: a location, unless the source is'],
    [{ id: 'r', kind: 'rss' }, 'sources.0.location: a location'],
    [
      { id: 'ax', kind: 'arxiv-rss', categories: ['CS CL'] },
      'sources.0.categories.0: an arXiv category such as "cs.CL"',
    ],
    [{ id: 'hf', kind: 'hf-daily', categories: ['cs.CL'] }, 'sources.0.categories: only for kind arxiv-rss'],
    [{ id: 'hf', kind: 'hf-daily', sort: 'hot' }, 'sources.0.sort: Invalid option'],
    [{ id: 'q', kind: 'arxiv-api', query: '  ' }, 'sources.0.query: a query in arXiv search syntax'],
  ])('%j is refused with the key and the reason', (source, message) => {
    expect(() => load({ sources: [source] })).toThrow(message);
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => load({ fetch: { endpoints: { huggingface: 'huggingface.co' } } })).toThrow(
      'fetch.endpoints.huggingface: an http(s) base URL',
    );
  });
});
