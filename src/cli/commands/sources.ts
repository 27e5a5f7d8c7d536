import type { Command } from 'commander';
import { describeError, type Frequency, type Paper, PaperpostError } from '../../domain/index.js';
import { readSource } from '../../ingest/index.js';
import { mergePapers, normalizeEntry } from '../../normalize/index.js';
import { fetchOptionsFor, type PlannedSource, planSources } from '../../pipeline/source-plan.js';
import { type GlobalOptions, readConfig } from '../context.js';
import { textTable } from '../text-table.js';

interface SourcesOptions {
  json?: boolean;
  frequency: string;
}

function frequencyOf(value: string): Frequency {
  if (value === 'daily' || value === 'weekly') return value;
  throw new PaperpostError('cli', 'bad-input', `--frequency ${value}: expected daily or weekly`);
}

const urlOf = (p: PlannedSource) => ('resolved' in p ? p.resolved.url : p.url);

/** What a test fetch brought, without storing anything. */
interface SourceTest {
  id: string;
  kind: string;
  url: string | null;
  status: 'ok' | 'failed';
  requests: string[];
  entries: number;
  papers: number;
  newest: { id: string; title: string; published: string | null } | null;
  error: string | null;
}

async function testOne(
  planned: PlannedSource,
  options: ReturnType<typeof fetchOptionsFor>,
): Promise<SourceTest> {
  const result: SourceTest = {
    id: planned.id,
    kind: planned.kind,
    url: urlOf(planned),
    status: 'failed',
    requests: [],
    entries: 0,
    papers: 0,
    newest: null,
    error: null,
  };
  if (!('resolved' in planned)) return { ...result, error: planned.error };
  try {
    const read = await readSource(planned.resolved, undefined, options);
    const papers = mergePapers(read.feed.entries.flatMap((e) => normalizeEntry(e) ?? []));
    const newest = papers.reduce<Paper | null>(
      (best, p) => (!best || (p.published ?? '') > (best.published ?? '') ? p : best),
      null,
    );
    return {
      ...result,
      status: 'ok',
      requests: read.requests,
      entries: read.feed.entries.length,
      papers: papers.length,
      newest: newest ? { id: newest.id, title: newest.title, published: newest.published } : null,
    };
  } catch (err) {
    return { ...result, error: describeError(err) };
  }
}

function formatTest(t: SourceTest): string {
  if (t.status === 'failed') return `! ${t.id} (${t.kind}) ${t.url ?? ''}\n    error: ${t.error}`;
  const newest = t.newest
    ? `newest ${t.newest.published?.slice(0, 10) ?? 'undated'} ${t.newest.id} "${t.newest.title}"`
    : 'nothing';
  const asked = t.requests.length > 1 ? ` in ${t.requests.length} requests` : '';
  return `- ${t.id} (${t.kind}) ${t.url}\n    ${t.papers} papers from ${t.entries} entries${asked}; ${newest}`;
}

/** `paperpost sources list|test`: where each source reads from, and what it would bring now. */
export function registerSources(program: Command): void {
  const sources = program.command('sources').description('the configured sources: their URLs, a test fetch');
  sources
    .command('list')
    .description('each source with the URL it reads for the edition of today')
    .option('--json', 'print [{"id","kind","url"}] (a stable contract)')
    .option('-f, --frequency <frequency>', 'daily | weekly: the edition the URLs are resolved for', 'daily')
    .action(async (opts: SourcesOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & SourcesOptions>();
      const frequency = frequencyOf(opts.frequency);
      const config = readConfig(global);
      const planned = await planSources(config, frequency, new Date(), fetchOptionsFor(config));
      const rows = planned.map((p) => ({
        id: p.id,
        kind: p.kind,
        url: urlOf(p),
        ...('error' in p ? { error: p.error } : {}),
      }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no sources configured (paperpost init writes some)\n');
        return;
      }
      const cells = rows.map((r) => [r.id, r.kind, r.url ?? '-', 'error' in r ? `! ${r.error}` : '']);
      process.stdout.write(`${textTable(['id', 'kind', 'url', ''], cells).join('\n')}\n`);
    });
  sources
    .command('test')
    .description('fetch a source now (every source without ID) and say what it would bring; stores nothing')
    .argument('[id]', 'source id (see sources list)')
    .option('--json', 'print the results as JSON')
    .option('-f, --frequency <frequency>', 'daily | weekly', 'daily')
    .action(async (id: string | undefined, opts: SourcesOptions, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions & SourcesOptions>();
      const frequency = frequencyOf(opts.frequency);
      const config = readConfig(global);
      const options = fetchOptionsFor(config);
      const planned = await planSources(config, frequency, new Date(), options);
      // An OPML source's id tests all of its feeds.
      const chosen = id ? planned.filter((p) => p.id === id || p.id.startsWith(`${id}.`)) : planned;
      if (id && chosen.length === 0) {
        const known = planned.map((p) => p.id).join(', ') || 'none';
        throw new PaperpostError('cli', 'bad-input', `sources test ${id}: no such source (known: ${known})`);
      }
      const results: SourceTest[] = [];
      for (const p of chosen) results.push(await testOne(p, options));
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(id && results.length === 1 ? results[0] : results)}\n`
          : `${results.map(formatTest).join('\n')}\n`,
      );
      if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    });
}
