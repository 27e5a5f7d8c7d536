import type { Topic } from '../domain/index.js';
import { partParent, topicOrigin } from '../domain/index.js';
import type { Draft } from './drafts.js';
import { labelWords } from './drafts.js';
import { bestTopic, EVIDENCE } from './evidence.js';
import type { PaperText } from './vectorize.js';

/**
 * Evidence a paper of the catch-all needs for a catalogue topic to help form its section: a key
 * phrase of the topic in its abstract and one of its arXiv categories, or more (a phrase in its
 * title or keywords). Less than a paper needs to join a section alone (see JOIN_EVIDENCE): here
 * several papers say the same subject.
 */
export const FORM_EVIDENCE = EVIDENCE.abstract + EVIDENCE.category;

/**
 * Papers a section formed from the catch-all starts with: never a section of one paper, and of
 * two only in a short letter (under {@link SHORT_LETTER} papers), where two papers on one subject
 * read better under its heading than among "More papers".
 */
export const FORM_MIN_PAPERS = 3;

/** A letter this short (papers) may form a section from two papers of the catch-all. */
export const SHORT_LETTER = 40;

/**
 * Sections formed from the catch-all ("More papers") instead of closeness placements: the papers
 * left over that give evidence ({@link FORM_EVIDENCE}) for the same catalogue topic, when that
 * topic has no section yet and at least {@link FORM_MIN_PAPERS} of them do. A broad mix of many
 * isolated papers reads better with one more real section (three image-generation papers) than
 * with those papers put where they are merely close. At most `room` sections, largest first; the
 * new drafts are added to `drafts`. Returns the papers still in the catch-all.
 */
export function formSections(
  other: readonly number[],
  drafts: Draft[],
  topics: readonly Topic[],
  batch: readonly PaperText[],
  room: number,
): number[] {
  const least = batch.length < SHORT_LETTER ? 2 : FORM_MIN_PAPERS;
  if (room <= 0 || other.length < least) return [...other];
  const housed = new Set(drafts.map((d) => d.topic.parent ?? partParent(d.topic.slug) ?? d.topic.slug));
  const candidates = topics.flatMap((t, i) =>
    t.hidden || partParent(t.slug) !== undefined || topicOrigin(t) === 'discovered' || housed.has(t.slug)
      ? []
      : [i],
  );
  const byTopic = new Map<number, number[]>();
  for (const p of other) {
    const { index } = bestTopic(topics, candidates, batch[p] as PaperText, FORM_EVIDENCE);
    if (index >= 0) byTopic.set(index, [...(byTopic.get(index) ?? []), p]);
  }
  const formed = [...byTopic.entries()]
    .filter(([, members]) => members.length >= least)
    .sort((a, b) => b[1].length - a[1].length || a[0] - b[0])
    .slice(0, room);
  const taken = new Set<number>();
  for (const [t, members] of formed) {
    const topic = topics[t] as Topic;
    drafts.push({ members, topic, words: labelWords(topic.label), source: t, settled: true });
    for (const p of members) taken.add(p);
  }
  return other.filter((p) => !taken.has(p));
}
