import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Edition } from '../../src/domain/index.js';
import { readerConfig, tempProject } from './cli.js';
import { runEdition } from './run-edition.js';

/** A paper as a test writes it into an arXiv RSS feed. */
export interface RssRow {
  id: string;
  title: string;
  abstract: string;
  categories: string[];
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The rows as arXiv's RSS lists them (title, abstract, categories), one announcement day, all "new". */
export function arxivRss(papers: readonly RssRow[], channel = 'cs'): string {
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
<channel><title>${channel} updates on arXiv.org</title><link>http://rss.arxiv.org/rss/${channel}</link>
<description>${channel} updates on the arXiv.org e-print archive.</description>
<pubDate>Thu, 28 Nov 2024 00:00:00 -0500</pubDate>
${items.join('\n')}
</channel></rss>`;
}

/**
 * Runs `paperpost run` on a project whose one source is `rows` as one day of arXiv's RSS
 * (`channel`), read from a file: the edition it stored and the project's folder.
 */
export async function runArxivListing(
  rows: readonly RssRow[],
  letter: { title: string; channel: string; readers: { email: string; topics?: string[] }[]; extra?: object },
): Promise<{ dir: string; edition: Edition }> {
  const config = readerConfig(
    letter.title,
    letter.channel,
    [{ id: `arxiv-${letter.channel}`, kind: 'arxiv-rss', location: 'listing.xml' }],
    letter.readers,
    letter.extra,
  );
  const dir = tempProject(config);
  writeFileSync(path.join(dir, 'listing.xml'), arxivRss(rows, letter.channel));
  return { dir, edition: (await runEdition(dir)).edition };
}
