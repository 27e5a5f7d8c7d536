import path from 'node:path';
import type { Command } from 'commander';
import { PaperpostError } from '../../domain/index.js';
import { fetchSource, parseFeed } from '../../ingest/index.js';
import { mergePapers, normalizeEntry } from '../../normalize/index.js';
import { USER_AGENT } from '../../pipeline/ingest-sources.js';

/** `paperpost parse <path-or-url> --json`: the parser's contract, stable for other tools. */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description(
      'parse one feed (RSS/Atom/RDF, arXiv RSS, arXiv API, HF daily papers JSON) and print its papers',
    )
    .argument('<location>', 'file path or http(s) URL')
    .option('--json', 'print {feed, papers} as JSON (the stable contract)')
    .option('--kind <kind>', 'force a kind: rss | arxiv-rss | arxiv-api | hf-daily', 'auto')
    .option('--include-replacements', 'keep arXiv "replace" announcements')
    .action(
      async (location: string, opts: { json?: boolean; kind: string; includeReplacements?: boolean }) => {
        const kinds = ['auto', 'rss', 'arxiv-rss', 'arxiv-api', 'hf-daily'] as const;
        const kind = kinds.find((k) => k === opts.kind);
        if (!kind)
          throw new PaperpostError(
            'cli',
            'bad-input',
            `--kind ${opts.kind}: expected one of ${kinds.join(', ')}`,
          );
        const id = /^https?:/i.test(location) ? location : path.basename(location);
        const fetched = await fetchSource(
          { id, kind, location, includeReplacements: Boolean(opts.includeReplacements) },
          undefined,
          {
            timeoutMs: 20_000,
            maxBytes: 50 * 1024 * 1024,
            retries: 2,
            userAgent: USER_AGENT,
            baseDir: process.cwd(),
          },
        );
        if (fetched.status !== 'ok')
          throw new PaperpostError('cli', 'bad-input', `${id}: server answered 304 without a body`);
        const parsed = await parseFeed(fetched.text, {
          sourceId: id,
          kind,
          includeReplacements: Boolean(opts.includeReplacements),
        });
        const papers = mergePapers(parsed.entries.flatMap((e) => normalizeEntry(e) ?? []));
        const out = {
          feed: { title: parsed.feed.title ?? null, link: parsed.feed.link ?? null, kind: parsed.feed.kind },
          papers: papers.map((p) => ({
            id: p.id,
            title: p.title,
            url: p.url || null,
            authors: p.authors,
            published: p.published,
            summary: p.summary || null,
            categories: p.categories,
            upvotes: p.upvotes,
            comments: p.comments,
            keywords: p.keywords,
            aiSummary: p.aiSummary,
            links: p.links,
            sources: p.sources,
            thumbnail: p.thumbnail ?? null,
            listedAt: p.listedAt ?? null,
          })),
        };
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${out.feed.title ?? id} (${out.feed.kind}): ${papers.length} papers\n`);
        for (const p of papers) process.stdout.write(`  ${p.id}  ${p.title}\n`);
      },
    );
}
