import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../../config/load.js';
import {
  CATCH_ALL_SLUG,
  countEdition,
  describeCounts,
  describeSections,
  type Edition,
  type Paper,
  PaperpostError,
  type Variant,
} from '../../domain/index.js';
import { rankOptionsFor } from '../../pipeline/build-edition.js';
import { isEmptyVariant } from '../../pipeline/variants.js';
import { rankSections, windowEnd } from '../../rank/index.js';
import { cutEdition } from '../../render/index.js';
import { groupPapers } from '../../topics/index.js';
import { curatedGrouping, type GlobalOptions, readConfig } from '../context.js';
import { inputPaper, readPapersInput } from '../input-file.js';
import { rendererFor, sampleMessage } from '../wiring.js';
import { configTopics } from './group.js';

/**
 * One paper of a papers file as `render` and `preview` read it (see inputPaper): a paper of no
 * named source is the input's.
 */
function toRenderPaper(raw: unknown, i: number, file: string): Paper {
  const paper = inputPaper(raw, i, file);
  return paper.sources.length > 0 ? paper : { ...paper, sources: ['input'] };
}

/** Papers of a JSON file: what `paperpost parse --json` prints ({feed, papers}) or a bare array. */
export function readRenderPapers(file: string): Paper[] {
  return readPapersInput(file, toRenderPaper);
}

/** Group and rank papers into one edition (no store), as `run` would for a daily edition. */
export function buildSampleEdition(
  papers: Paper[],
  config: Readonly<Config>,
  globals: GlobalOptions,
  now: Date,
): Edition {
  const { groups } = groupPapers(papers, configTopics(globals), curatedGrouping());
  const ranked = rankSections(groups, papers, rankOptionsFor(config, windowEnd(papers, now)));
  const date = now.toISOString().slice(0, 10);
  return {
    id: `sample-${date}`,
    frequency: 'daily',
    date,
    createdAt: now.toISOString(),
    sections: ranked.sections,
    more: ranked.more,
    topicSections: ranked.topicSections,
    caps: ranked.caps,
  };
}

/**
 * Variants to look at: every topic, then one per topic section that shows a paper to its readers,
 * those the everyone letter had no room for too ("More papers" whose papers all name a topic
 * shows none: they go to those topics' readers), and after a broad area's section ("Computer
 * vision", or a section of arXiv classes whose papers name topics) one per topic its papers are
 * of: the letters those topics' readers get.
 */
export function sampleVariants(edition: Edition): Variant[] {
  const slugs = (edition.topicSections ?? edition.sections).flatMap((s) => {
    const own = s.topic.paperTopics;
    if (own === undefined || s.topic.slug === CATCH_ALL_SLUG) return [s.topic.slug];
    return [s.topic.slug, ...s.papers.flatMap((p) => own[p.id] ?? [])];
  });
  return [
    { key: `${edition.frequency}:*`, frequency: edition.frequency, topics: [] },
    ...[...new Set(slugs)]
      .map((slug) => ({ key: `${edition.frequency}:${slug}`, frequency: edition.frequency, topics: [slug] }))
      .filter((v) => !isEmptyVariant(edition, v.key)),
  ];
}

interface RenderOptions {
  in: string;
  out?: string;
  text?: string;
  eml?: string;
  topics?: string;
  now?: string;
}

/**
 * The slugs of `--topics`; exit 2 naming the known ones when one is neither a section of
 * `edition` nor a topic its papers carry within a section (a topic of a broad area's section,
 * "Efficient inference" under "Efficient inference and architectures", or one a paper of "More
 * papers" names): a subscriber of that topic gets those papers, and so does its variant.
 */
export function variantTopics(option: string | undefined, edition: Edition): string[] {
  const topics = (option ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const known = [
    ...new Set(
      edition.sections.flatMap((s) => [
        s.topic.slug,
        ...Object.values(s.topic.paperTopics ?? {}),
        ...Object.values(s.topic.alsoTopics ?? {}),
      ]),
    ),
  ];
  const unknown = topics.filter((t) => !known.includes(t));
  if (unknown.length > 0) {
    throw new PaperpostError(
      'cli',
      'bad-input',
      `--topics ${unknown.join(',')}: no such topic in this edition; known: ${known.join(', ') || 'none'}`,
    );
  }
  return topics;
}

/** `paperpost render --in papers.json [--out digest.html] [--text f] [--eml f]`: one edition, no store. */
export function registerRender(program: Command): void {
  program
    .command('render')
    .description('group, rank and render papers as one edition for a sample subscriber (no store)')
    .requiredOption('--in <file>', 'papers JSON: {papers: [...]} as `parse --json` prints, or an array')
    .option('--out <file>', 'write the HTML here (one of --out, --text, --eml is needed)')
    .option('--text <file>', 'write the plain-text part here')
    .option('--eml <file>', 'write the whole message (.eml) here')
    .option('--topics <slugs>', 'render the variant of these topics (comma-separated; default all)')
    .option('--now <iso>', 'edition time (default: now)')
    .action(async function (this: Command, opts: RenderOptions) {
      const globals = this.optsWithGlobals<GlobalOptions>();
      const now = opts.now === undefined ? new Date() : new Date(opts.now);
      if (Number.isNaN(now.getTime()))
        throw new PaperpostError('cli', 'bad-input', `--now ${opts.now}: not a date`);
      if (!opts.out && !opts.text && !opts.eml) {
        throw new PaperpostError('cli', 'bad-input', 'render: nothing to write; give --out, --text or --eml');
      }
      const config = readConfig(globals);
      const papers = readRenderPapers(opts.in);
      const edition = buildSampleEdition(papers, config, globals, now);
      const topics = variantTopics(opts.topics, edition);
      const variant: Variant = {
        key: `daily:${topics.length ? [...topics].sort().join(',') : '*'}`,
        frequency: 'daily',
        topics,
      };
      const warnings: string[] = [];
      const rendered = await rendererFor(config, (w) => warnings.push(w)).renderVariant(edition, variant);
      const message = await sampleMessage(config, edition, rendered, now);
      if (opts.out) writeFileSync(opts.out, message.html);
      if (opts.text) writeFileSync(opts.text, message.text);
      if (opts.eml) writeFileSync(opts.eml, message.raw);
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      // In the words `run` and `editions` use; for a variant, what its reader's letter holds. A
      // sample edition has no ids of the papers on the web only: their count is its `more`s.
      const counts = countEdition(topics.length > 0 ? cutEdition(edition, topics) : edition);
      const onWeb = edition.sections.reduce((n, s) => n + s.more, edition.more);
      const written = [opts.out, opts.text, opts.eml].filter(Boolean).join(', ');
      const holds =
        topics.length > 0
          ? `${counts.inLetter} ${counts.inLetter === 1 ? 'paper' : 'papers'} in the letter of ${topics.join(', ')}`
          : describeCounts({ selected: counts.inLetter + onWeb, inLetter: counts.inLetter, onWeb });
      process.stdout.write(
        `${holds} (${describeSections(counts)}) -> ${written} (HTML ${Buffer.byteLength(message.html)} bytes)\n` +
          `subject: ${message.subject}\n`,
      );
    });
}
