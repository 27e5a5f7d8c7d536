/**
 * What a reader checks in a letter's sections, as numbers: how many sections, single-paper
 * sections, the catch-all's share, and whether each label is a complete phrase, distinct in the
 * edition and said by the section's papers. Used by bench/topics-bench.ts.
 */

import type { Topic } from '../src/domain/index.js';
import { archiveName, classHeading, fieldName } from '../src/topics/arxiv-taxonomy.js';
import { labelWords } from '../src/topics/drafts.js';
import { guessedArchive } from '../src/topics/form-sections.js';
import {
  collectPhrases,
  isCompletePhrase,
  isGeneric,
  isHeadWord,
  isStartWord,
  labelsClash,
  OTHER_TOPIC,
  type PaperText,
  phraseKeys,
  topicEvidence,
} from '../src/topics/index.js';
import { extractTerms } from '../src/topics/tokenize.js';

export interface SectionQuality {
  sections: number;
  singletons: number;
  /** Share of the papers in the last catch-all section. */
  otherShare: number;
  /** Labels failing the complete-phrase check, and the labels themselves. */
  incomplete: string[];
  /** Pairs of labels on the same head phrase. */
  clashes: string[];
  /** Mean and least share of a section's papers that say its label's words. */
  coverageMean: number;
  coverageMin: number;
  /** Share of the papers in the largest section but the catch-all ("sections sized for reading"). */
  largest: number;
  labels: string[];
}

/** true for a section of one arXiv class headed by that class's name (see classHeading). */
function isClassHeading(t: Topic): boolean {
  return (
    t.origin === 'discovered' &&
    t.keywords.length === 0 &&
    t.categories.length === 1 &&
    classHeading(t.categories[0] as string) === t.label
  );
}

/** true for a label that reads as a complete heading (see src/topics/phrases.ts). */
export function labelIsComplete(label: string): boolean {
  // Two bare words joined by "and" ("Teacher and token") say nothing together.
  if (/^\S+ and \S+$/i.test(label)) return false;
  const parts = label.split(/ and |, /i);
  return parts.every((part) => {
    const words = part.trim().split(/\s+/);
    const keys = phraseKeys(part);
    if (keys.length === 0 && !/\p{L}/u.test(part)) return false;
    return (
      isHeadWord(words[words.length - 1] ?? '') &&
      isStartWord(words[0] ?? '') &&
      (keys.length === 0 || !isGeneric(keys))
    );
  });
}

function keysOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const t of extractTerms(text)) for (const k of t.key.split(' ')) out.add(k);
  return out;
}

/** true when a paper says the label's words (any side of an "and"). */
function says(paper: PaperText, label: string): boolean {
  const text = keysOf([paper.title, paper.summary, paper.aiSummary ?? '', ...paper.keywords].join(' . '));
  return label.split(/ and |, /i).some((part) => {
    const words = [...keysOf(part)];
    return words.length > 0 && words.every((w) => text.has(w));
  });
}

/** true when the section's papers mostly go on after the label's words ("Long-context language ..."). */
function isCut(label: string, papers: PaperText[]): boolean {
  const s = collectPhrases(papers).get(phraseKeys(label).join(' '));
  return s !== undefined && s.complete < 0.5 * s.count;
}

export function sectionQuality(
  groups: { topic: Topic; paperIds: string[] }[],
  papers: PaperText[],
): SectionQuality {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const total = groups.reduce((a, g) => a + g.paperIds.length, 0);
  const named = groups.filter((g) => g.topic.slug !== OTHER_TOPIC.slug);
  const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
  // A paper describes its section's heading when it says the heading's words, or (for an editor's
  // topic, config or curated) one of the key phrases that define it.
  const editorial = (t: Topic): boolean => t.origin === 'curated' || t.origin === 'config' || t.userDefined;
  // A section of arXiv classes ("Astrophysics") is named by arXiv for the class of each paper.
  // For a paper without categories, the archive its words were taken to come from.
  const ofClass = (t: Topic, paper: PaperText): boolean => {
    if (t.origin !== 'discovered' || t.keywords.length > 0) return false;
    const primary = paper.categories[0];
    if (primary !== undefined) return t.categories.includes(primary);
    const guessed = guessedArchive(paper);
    if (guessed === undefined) return false;
    // A field's section ("Physics", or "Other physics" beside one of its archives) is named for
    // every archive of the field.
    const field = fieldName(guessed);
    return (
      archiveName(guessed) === t.label ||
      (field !== undefined && (t.label === field || t.label === `Other ${field.toLowerCase()}`))
    );
  };
  const coverage = named.map(
    (g) =>
      g.paperIds.filter((id) => {
        const paper = byId.get(id) as PaperText;
        return (
          says(paper, g.topic.label) ||
          (editorial(g.topic) && topicEvidence(g.topic, paper) >= 1) ||
          ofClass(g.topic, paper)
        );
      }).length / g.paperIds.length,
  );
  const clashes: string[] = [];
  named.forEach((a, i) => {
    for (const b of named.slice(i + 1)) {
      if (labelsClash(labelWords(a.topic.label), labelWords(b.topic.label)))
        clashes.push(`${a.topic.label} / ${b.topic.label}`);
    }
  });
  return {
    sections: groups.length,
    singletons: named.filter((g) => g.paperIds.length === 1).length,
    otherShare: total > 0 ? other / total : 0,
    largest: total > 0 ? Math.max(0, ...named.map((g) => g.paperIds.length)) / total : 0,
    incomplete: named
      .filter(
        (g) =>
          // arXiv's name of a class ("Optimization and control", "Strongly correlated electrons")
          // is its field's own heading, complete as arXiv writes it.
          (!labelIsComplete(g.topic.label) && !isClassHeading(g.topic)) ||
          // An editor's heading (config, curated) or arXiv's is complete as written; a discovered
          // one must not be cut.
          (g.topic.origin === 'discovered' &&
            g.topic.keywords.length > 0 &&
            isCut(
              g.topic.label,
              g.paperIds.map((id) => byId.get(id) as PaperText),
            )),
      )
      .map((g) => g.topic.label),
    clashes,
    coverageMean: coverage.length ? coverage.reduce((a, b) => a + b, 0) / coverage.length : 1,
    coverageMin: coverage.length ? Math.min(...coverage) : 1,
    labels: groups.map((g) => `${g.topic.label} (${g.paperIds.length})`),
  };
}

export { isCompletePhrase };
