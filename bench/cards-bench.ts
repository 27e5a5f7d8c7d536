/**
 * `npm run bench:cards`: how often a paper card without an AI summary (arXiv and RSS papers) opens
 * on its field's background rather than on what the paper does. Each labelled arXiv set of the
 * shared corpora, its abstracts cut as the letter cuts them (`fromContribution`, then
 * `clampText` to CARD_SUMMARY_CHARS), against the baseline of the same cut from the abstract's
 * first sentence. A card "opens on what the paper does" when its first sentence has the paper or
 * its authors for subject or speaker ("We propose...", "This paper presents...", "Here, I...", "our
 * method"), proposes something in the passive ("a network named X is proposed"), or opens on
 * the definition what it shows is about ("Let G be a permutation group..."): a proxy, printed
 * with examples to read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromContribution } from '../src/domain/text-cut.js';
import { cleanText } from '../src/domain/text-guards.js';
import { clampText } from '../src/render/digest-view.js';
import { CARD_SUMMARY_CHARS } from '../src/render/renderer.js';
import { CORPORA } from './lib.js';

const SETS = [
  'arxiv_rss_cs-only_2024-11-28_labeled.jsonl',
  'arxiv_rss_all-archives_2024-11-28_labeled.jsonl',
  'arxiv_api_query-testing_100_labeled.jsonl',
  'arxivsync_arXivRaw_1000_labeled.jsonl',
];
const SAYS_WHAT_IT_DOES =
  /\b(?:[Ww]e|[Oo]ur|us|I|(?:[Tt]his|[Tt]he present) (?:[\w.-]+ ){0,2}(?:paper|work|study|article|survey|report|manuscript|thesis|letter|review|research|note|chapter|dissertation))\b/;
const firstSentence = (text: string): string => /^.*?[.!?](?=\s+[A-Z]|$)/.exec(text)?.[0] ?? text;
/** "A network model named Multitask-Gaze is proposed": what the paper does, in the passive. */
const PROPOSED_HERE = /\b(?:is|are) (?:proposed|presented|introduced|developed)\b(?!\s+by\b)/;
/**
 * "Let G be a permutation group on a finite set. We study...": a definition that what the paper
 * shows needs (mathematics), not the field's background; the card keeps it.
 */
const DEFINES = /^(?:Let|Suppose|Fix)\s/;
const opensOnWork = (card: string): boolean =>
  SAYS_WHAT_IT_DOES.test(firstSentence(card)) ||
  PROPOSED_HERE.test(firstSentence(card)) ||
  DEFINES.test(card);
/**
 * A card that starts past the abstract's opening on a sentence pointing back to something it
 * skipped ("We study these degeneracies..."); not the problem a paper takes on ("this problem").
 */
const POINTS_BACK_TO_SKIPPED =
  /\b(?:this|these|such)\s+(?!(?:paper|work|study|article|survey|report|research|end|thesis|letter|review|note|chapter|manuscript|dissertation|lack|problems?|gaps?|issues?|challenges?|limitations?|questions?|needs?|shortcomings?|difficult(?:y|ies)|bottlenecks?|task|goal|aim|purpose)\b)[a-z]+/i;
const pointsBack = (card: string, abstract: string): boolean =>
  !abstract.startsWith(card.slice(0, 40)) && POINTS_BACK_TO_SKIPPED.test(firstSentence(card).slice(0, 120));
const pct = (n: number, of: number): string => `${Math.round((100 * n) / of)}%`;

console.log('$ npm run bench:cards   (tsx bench/cards-bench.ts)\n');
console.log(`cards cut to ${CARD_SUMMARY_CHARS} characters, as the letter cuts an abstract\n`);
console.log(
  '| set | abstracts | card opens on background: first sentence (baseline) | card (fromContribution) | card opens pointing back to what it skipped |',
);
console.log('|---|---:|---:|---:|---:|');
const examples: string[] = [];
for (const file of SETS) {
  const at = path.join(CORPORA, 'labeled', file);
  if (!existsSync(at)) {
    console.log(`| ${file} | skipped: not in ${path.join(CORPORA, 'labeled')} | | | |`);
    continue;
  }
  let total = 0;
  let baseline = 0;
  let cards = 0;
  let back = 0;
  for (const line of readFileSync(at, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { abstract?: string; summary?: string };
    const abstract = cleanText(row.abstract ?? row.summary ?? '');
    if (abstract === '') continue;
    total += 1;
    const first = clampText(abstract, CARD_SUMMARY_CHARS);
    const card = clampText(fromContribution(abstract, CARD_SUMMARY_CHARS), CARD_SUMMARY_CHARS);
    if (!opensOnWork(first)) baseline += 1;
    if (!opensOnWork(card)) cards += 1;
    if (pointsBack(card, abstract)) back += 1;
    if (file.includes('cs-only') && first !== card && examples.length < 4)
      examples.push(`  before: ${first.slice(0, 150)}\n  after:  ${card.slice(0, 150)}`);
  }
  console.log(
    `| ${file.replace('_labeled.jsonl', '')} | ${total} | ${baseline} (${pct(baseline, total)}) | ${cards} (${pct(cards, total)}) | ${back} (${pct(back, total)}) |`,
  );
}
if (examples.length > 0) console.log(`\nexamples (cs-only):\n${examples.join('\n\n')}`);
