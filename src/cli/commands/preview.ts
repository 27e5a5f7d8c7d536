import type { Command } from 'commander';
import type { Config } from '../../config/load.js';
import { type Edition, FREQUENCIES, type Paper, PaperpostError } from '../../domain/index.js';
import { planEdition } from '../../pipeline/build-edition.js';
import { createPreviewApp, type EditionSource, type PreviewEdition } from '../../server/preview-app.js';
import { type App, curatedGrouping, type GlobalOptions, openApp, readConfig } from '../context.js';
import { rendererFor, sampleMessage } from '../wiring.js';
import { buildSampleEdition, readRenderPapers, sampleVariants } from './render.js';

/** An edition source over a fixed list of papers (`--in`), grouped and ranked once. */
export function papersEditionSource(
  papers: Paper[],
  config: Readonly<Config>,
  globals: GlobalOptions,
  now: Date,
): EditionSource {
  const daily = buildSampleEdition(papers, config, globals, now);
  const weekly: Edition = { ...daily, id: daily.id.replace(/-daily$|$/, '-weekly'), frequency: 'weekly' };
  const loaded = {
    edition: daily,
    variants: sampleVariants(daily),
    others: [{ edition: weekly, variants: sampleVariants(weekly) }],
  };
  return { loadEdition: async () => loaded };
}

/**
 * The next edition of each frequency from the store, planned exactly as `run` would (nothing is
 * written). A frequency with nothing new shows its last published edition, and the page says so.
 */
export function storeEditionSource(app: App): EditionSource {
  return {
    loadEdition: async () => {
      const found: PreviewEdition[] = [];
      const notices: string[] = [];
      for (const frequency of FREQUENCIES) {
        const plan = await planEdition(
          app.store,
          { ...app.config, ...curatedGrouping() },
          frequency,
          new Date(),
        );
        if (plan.status === 'planned') {
          found.push({ edition: plan.edition, variants: sampleVariants(plan.edition) });
          continue;
        }
        const last = (await app.store.editions.listEditions({ frequency, limit: 1 }))[0];
        const edition = last ? await app.store.editions.getEdition(last.id) : undefined;
        if (!edition) continue;
        found.push({ edition, variants: sampleVariants(edition) });
        notices.push(
          `${frequency}: nothing new since edition ${edition.id} (${plan.reason}), so it is shown as sent`,
        );
      }
      const [first, ...others] = found;
      if (!first) {
        throw new PaperpostError(
          'cli',
          'nothing-to-preview',
          'no papers in the store yet: run `paperpost run --no-send` or pass --in',
        );
      }
      return {
        ...first,
        others,
        ...(notices.length ? { notice: `No next edition to show for ${notices.join('; ')}.` } : {}),
      };
    },
  };
}

/** `paperpost preview [--in papers.json] [--port N]`: local preview with live reload. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description(
      'preview the next daily and weekly editions (or --in papers) in a browser, reloading on template edits; with nothing new, the last edition, marked as such',
    )
    .option('--in <file>', 'papers JSON instead of the store: {papers: [...]} as `parse --json` prints')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '8025')
    .action(async function (this: Command, opts: { in?: string; port: string }) {
      const globals = this.optsWithGlobals<GlobalOptions>();
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new PaperpostError('cli', 'bad-input', `--port ${opts.port}: not a port number`);
      }
      const now = new Date();
      const config = readConfig(globals);
      let closeStore = async (): Promise<void> => {};
      let source: EditionSource;
      if (opts.in) {
        source = papersEditionSource(readRenderPapers(opts.in), config, globals, now);
      } else {
        // The next daily edition from the store, planned exactly as `run` would (nothing is
        // written); when nothing is waiting, the last published edition.
        const app = await openApp(globals, { seedCatalogue: true });
        closeStore = () => app.close();
        source = storeEditionSource(app);
      }
      const preview = createPreviewApp({
        source,
        renderer: rendererFor(config, (w) => process.stderr.write(`warning: ${w}\n`)),
        buildMessage: (edition, rendered) => sampleMessage(config, edition, rendered, new Date()),
        templatesDir: config.templatesDir,
      });
      // Loaded when a process serves: the HTTP server's modules cost a run ~25 ms to load.
      const { startServer } = await import('../../server/start.js');
      const server = await startServer(preview.app, {
        host: '127.0.0.1',
        port,
        print: (line) => process.stdout.write(`${line.replace('serving', 'preview')} (Ctrl-C stops)\n`),
      });
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      preview.close();
      await server.close();
      await closeStore();
    });
}
