import type { Command } from 'commander';
import { PaperpostError, partParent, type Topic, topicOrigin } from '../../domain/index.js';
import { configTopics } from '../../pipeline/build-edition.js';
import type { Store } from '../../store/types.js';
import { configTopicsByLabel, offeredTopics, selectedSlugs } from '../../subscribers/index.js';
import { type App, curatedTopics, type GlobalOptions, withApp } from '../context.js';

const PAGE = 1000;

function bad(message: string): PaperpostError {
  return new PaperpostError('cli', 'bad-input', message);
}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Confirmed subscribers per topic slug: "all" and "all except" count for every offered topic they cover. */
async function subscriberCounts(store: Store, catalogue: Topic[]): Promise<Map<string, number>> {
  const offered = offeredTopics(catalogue);
  const counts = new Map<string, number>();
  let afterId: number | undefined;
  for (;;) {
    const page = await store.subscribers.listSubscribers({ status: 'confirmed', afterId, limit: PAGE });
    for (const sub of page) {
      const explicit = sub.topics.length > 0 && !sub.topics[0]?.startsWith('!');
      const slugs = explicit ? sub.topics : selectedSlugs(sub.topics, offered);
      for (const slug of slugs) counts.set(slug, (counts.get(slug) ?? 0) + 1);
    }
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return counts;
    afterId = last.id;
  }
}

/** Every command sees the curated catalogue, even before the first run. */
function withCatalogue(global: GlobalOptions, fn: (app: App) => Promise<void>): Promise<void> {
  return withApp(global, async (app) => {
    await app.store.catalogue.seedTopics(curatedTopics());
    // The config's own topics as `serve` and a run store them: listed before any run.
    await app.store.catalogue.saveTopics(configTopics(app.config));
    await fn(app);
  });
}

async function mustFind(store: Store, slug: string): Promise<Topic> {
  const topic = (await store.catalogue.listTopics()).find((t) => t.slug === slug);
  if (!topic) throw bad(`topic "${slug}": no such topic (see \`paperpost topics list\`)`);
  return topic;
}

/** A topic merged into another is gone for good: its subscribers and phrases went to that one. */
function mustBeLive(topic: Topic): Topic {
  if (topic.mergedInto !== undefined)
    throw bad(
      `topic "${topic.slug}" was merged into "${topic.mergedInto}": its subscribers follow that topic`,
    );
  return topic;
}

/** A part (`parent--part`) goes with its parent: it cannot be offered, hidden or merged into alone. */
async function mustFindWhole(store: Store, slug: string): Promise<Topic> {
  const topic = await mustFind(store, slug);
  const parent = partParent(slug);
  if (parent !== undefined)
    throw bad(`topic "${slug}" is a part of "${parent}": it is offered, hidden and chosen with it`);
  return topic;
}

/** One row of `topics list`; `partOf` names the parent of a part (`parent--part`), else null. */
export interface TopicRow {
  slug: string;
  label: string;
  origin: string;
  offered: boolean;
  /**
   * The config topic that carries this curated topic's label, so the public pages offer that one
   * instead (see `offeredTopics`); null when none does.
   */
  replacedBy: string | null;
  hidden: boolean;
  /** The topic it was merged into (`topics merge`: hidden since), else null. */
  mergedInto: string | null;
  partOf: string | null;
  papers: number;
  subscribers: number;
}

/** Each topic followed by its parts; a part whose parent is gone stays where it was. */
function partsUnderParents(rows: TopicRow[]): TopicRow[] {
  const slugs = new Set(rows.map((r) => r.slug));
  const placed = (r: TopicRow) => r.partOf !== null && slugs.has(r.partOf);
  return rows
    .filter((r) => !placed(r))
    .flatMap((r) => [r, ...rows.filter((p) => placed(p) && p.partOf === r.slug)]);
}

/** "1 paper", "2 papers". */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatRow(r: TopicRow): string {
  const state =
    r.partOf !== null
      ? `part of ${r.partOf}`
      : r.mergedInto !== null
        ? `merged into ${r.mergedInto}`
        : r.hidden
          ? 'hidden'
          : r.offered
            ? 'offered'
            : r.replacedBy !== null
              ? `replaced by ${r.replacedBy}`
              : 'proposal';
  const line = `${r.slug}\t${r.label}\t${r.origin}\t${state}\t${counted(r.papers, 'paper')}\t${counted(r.subscribers, 'subscriber')}`;
  return r.partOf !== null ? `  ${line}` : line;
}

/**
 * `paperpost topics list|approve|rename|merge|hide|show`: the operator's view of the catalogue.
 * Only config, curated and approved topics (not hidden) are offered on the public pages;
 * discovered ones are proposals until approved. Slugs never change, so renames keep every
 * subscription; a merge moves the subscriptions of one topic to another.
 */
export function registerTopics(program: Command): void {
  const group = program.command('topics').description('list, approve, rename, merge or hide topics');
  const globals = (command: Command): GlobalOptions => command.optsWithGlobals<GlobalOptions>();

  group
    .command('list')
    .description('every topic: slug, label, origin, papers, subscribers; parts indented under their topic')
    .option('--json', 'one JSON array')
    .action(async (_opts: unknown, command: Command) => {
      const global = globals(command);
      await withCatalogue(global, async (app) => {
        const topics = await app.store.catalogue.listTopics();
        const papers = await app.store.catalogue.topicPaperCounts();
        const subscribers = await subscriberCounts(app.store, topics);
        const offered = new Set(offeredTopics(topics).map((t) => t.slug));
        const ownByLabel = configTopicsByLabel(topics);
        const rows = partsUnderParents(
          topics.map((t): TopicRow => {
            const partOf = partParent(t.slug) ?? null;
            const replacedBy = t.userDefined ? undefined : ownByLabel.get(t.label.toLowerCase());
            return {
              slug: t.slug,
              label: t.label,
              origin: topicOrigin(t),
              offered: offered.has(t.slug),
              replacedBy: partOf === null && replacedBy !== undefined ? replacedBy : null,
              // A part is not hidden by anyone: it is shown within its parent's sections.
              hidden: partOf === null && t.hidden === true,
              mergedInto: t.mergedInto ?? null,
              partOf,
              papers: papers.get(t.slug) ?? 0,
              subscribers: subscribers.get(t.slug) ?? 0,
            };
          }),
        );
        if (global.json) {
          write(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) write('no topics');
        for (const r of rows) write(formatRow(r));
      });
    });

  group
    .command('approve <slug>')
    .description('offer a discovered topic to the public')
    .action(async (slug: string, _opts: unknown, command: Command) => {
      await withCatalogue(globals(command), async (app) => {
        const topic = mustBeLive(await mustFindWhole(app.store, slug));
        const origin = topicOrigin(topic) === 'discovered' ? 'approved' : topicOrigin(topic);
        await app.store.catalogue.updateTopic(slug, { origin, hidden: false });
        write(`approved ${slug} (${topic.label})`);
      });
    });

  group
    .command('rename <slug> <label>')
    .description('give a topic a new label (its slug and subscriptions stay)')
    .action(async (slug: string, label: string, _opts: unknown, command: Command) => {
      const clean = label.trim().replace(/\s+/g, ' ');
      if (clean === '' || clean.length > 80) throw bad(`label "${label}": expected 1-80 characters`);
      await withCatalogue(globals(command), async (app) => {
        await mustFind(app.store, slug);
        await app.store.catalogue.updateTopic(slug, { label: clean });
        write(`renamed ${slug} to "${clean}"`);
      });
    });

  group
    .command('merge <from> <into>')
    .description('merge topic <from> into <into>; its subscribers get <into>')
    .action(async (from: string, into: string, _opts: unknown, command: Command) => {
      if (from === into) throw bad(`topics merge ${from} ${into}: a topic cannot merge into itself`);
      await withCatalogue(globals(command), async (app) => {
        mustBeLive(await mustFind(app.store, from));
        const target = mustBeLive(await mustFindWhole(app.store, into));
        // A hidden topic claims no paper: its new subscribers would get nothing of it.
        if (target.hidden)
          throw bad(`topic "${into}" is hidden: \`paperpost topics show ${into}\` before merging into it`);
        const changed = await app.store.catalogue.mergeTopics(from, into);
        write(`merged ${from} into ${into}; ${changed} subscriber choice(s) moved`);
      });
    });

  for (const [name, hidden] of [
    ['hide', true],
    ['show', false],
  ] as const) {
    group
      .command(`${name} [slugs...]`)
      .description(hidden ? 'stop offering topics (subscriptions stay)' : 'offer hidden topics again')
      .option(
        '--curated',
        hidden
          ? "every curated topic: a letter of another field than machine learning offers none of the catalogue's"
          : 'every curated topic',
      )
      .action(async (slugs: string[], opts: { curated?: boolean }, command: Command) => {
        if (slugs.length === 0 && opts.curated !== true)
          throw bad(`topics ${name}: name a topic, or --curated`);
        await withCatalogue(globals(command), async (app) => {
          const curated = opts.curated
            ? (await app.store.catalogue.listTopics()).filter(
                (t) =>
                  topicOrigin(t) === 'curated' &&
                  partParent(t.slug) === undefined &&
                  t.mergedInto === undefined,
              )
            : [];
          const all = [...new Set([...slugs, ...curated.map((t) => t.slug)])];
          // Every topic checked before any changes: a bad slug changes nothing.
          for (const slug of all) mustBeLive(await mustFindWhole(app.store, slug));
          for (const slug of all) {
            await app.store.catalogue.updateTopic(slug, { hidden });
            write(`${hidden ? 'hid' : 'showing'} ${slug}`);
          }
        });
      });
  }
}
