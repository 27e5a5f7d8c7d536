import { CATCH_ALL_SLUG, type Edition, type EditionCaps, type Section } from '../domain/index.js';

/**
 * The sections of `edition` a variant receives, in edition order: `[]` means every topic; a list
 * of slugs those topics (a sub-section counts as its `parent` topic; of a broad area's section,
 * the papers of those topics, and of "More papers" or a section of an arXiv class those that
 * name one of them); a list of `!slug` every section except those topics.
 *
 * A list of slugs is cut from every topic's section (`topicSections`), not only from those the
 * all-topics letter had room for, then capped as a letter is (`caps`): a reader of a topic the
 * busy day left out of the letter still gets its papers, up to the per-section cap. The cut's
 * edition-level `more` counts what the web version has beyond the cut's own sections.
 */
export function cutEdition(edition: Edition, topics: string[]): Edition {
  if (topics.length === 0) return edition;
  const except = topics.every((t) => t.startsWith('!'));
  const listed = new Set(topics.map((t) => (t.startsWith('!') ? t.slice(1) : t)));
  const cut =
    !except && edition.topicSections !== undefined && edition.caps !== undefined
      ? capSections({ ...edition, sections: cutSections(edition.topicSections, listed, false) }, edition.caps)
      : { ...edition, sections: cutSections(edition.sections, listed, except) };
  // The edition-level `more` of a cut counts the rest of the web version: the letter's "N more
  // papers on the web" is what a reader of these topics finds there beyond their own letter. The
  // topics only the web shows (named in the closing line) are a reader's own: none for a reader
  // of a few topics (theirs are all in their letter), all but the stopped ones for the others.
  const webOnly = except ? edition.webOnly?.filter((g) => g.slug === null || !listed.has(g.slug)) : [];
  return {
    ...cut,
    more: Math.max(0, webTotal(edition) - webTotal({ ...cut, more: 0 })),
    ...(edition.webOnly ? { webOnly } : {}),
  };
}

/** Papers an edition's letter shows plus those its "more" counts: the whole web version. */
function webTotal(edition: Edition): number {
  return edition.sections.reduce((n, s) => n + s.papers.length + s.more, edition.more);
}

function cutSections(all: readonly Section[], listed: ReadonlySet<string>, except: boolean): Section[] {
  const named = (s: Section): boolean =>
    listed.has(s.topic.slug) || (s.topic.parent !== undefined && listed.has(s.topic.parent));
  const sections: Section[] = [];
  // Papers of a section the reader does not get that give a topic they follow join evidence
  // (`alsoTopics`): they go under that topic's heading, as papers of "More papers" naming it do.
  const adopted: Section[] = [];
  const follows = (slug: string | undefined): boolean => slug !== undefined && listed.has(slug) !== except;
  for (const s of all) {
    const own = s.topic.paperTopics;
    if (own === undefined) {
      if (named(s) !== except) {
        sections.push(s);
        continue;
      }
      const also = s.topic.alsoTopics ?? {};
      const papers = s.papers.filter((p) => follows(also[p.id]));
      if (papers.length > 0) adopted.push(...byNamedTopic({ ...s, papers }, also, follows));
      continue;
    }
    // A broad area's section ("Computer vision"): each paper goes with its own topic, unless the
    // reader chose or stopped the area itself (its "Stop one topic" link). "More papers" and a
    // section of an arXiv class: a paper that names a topic without a section in this letter goes
    // with that topic, the others with the section ("Stop one topic: More papers" leaves those).
    if (s.topic.slug !== CATCH_ALL_SLUG && listed.has(s.topic.slug)) {
      if (!except) sections.push(s);
      continue;
    }
    // A reader of a few topics reads the papers of "More papers" that name one of them under
    // that topic's heading: nothing in their letter is "more papers" to them.
    if (s.topic.slug === CATCH_ALL_SLUG && !except) {
      const byTopic = byNamedTopic(s, own, (slug) => slug !== undefined && listed.has(slug));
      const rest = s.papers.filter((p) => own[p.id] === undefined);
      // Then, for a reader who chose "More papers" itself, its papers that name no topic.
      sections.push(...byTopic);
      if (listed.has(s.topic.slug) && rest.length > 0)
        sections.push(rest.length === s.papers.length ? s : { ...s, papers: rest });
      continue;
    }
    const kept = (p: Section['papers'][number]): boolean => listed.has(own[p.id] ?? s.topic.slug) !== except;
    const papers = s.papers.filter(kept);
    if (papers.length === s.papers.length) sections.push(s);
    else if (papers.length > 0) sections.push({ ...s, papers });
    // A paper of an area's section the reader does not get that names a topic they follow too
    // goes under that topic's heading, as from the section of one topic.
    const also = s.topic.alsoTopics ?? {};
    const second = s.papers.filter((p) => !kept(p) && follows(also[p.id]));
    if (second.length > 0) adopted.push(...byNamedTopic({ ...s, papers: second }, also, follows));
  }
  return mergeAdopted(sections, adopted, except);
}

/**
 * `sections` with the `adopted` papers of other sections: each in the section of its topic when
 * the cut has one (after that section's own papers, before those from below the grouping pool);
 * else, for a reader of a few topics, under a
 * heading of that topic, before "More papers" (nothing in their letter is "more papers" to them);
 * for a reader of all topics but some, in "More papers" saying its topic, as the letter of every
 * topic has a paper that names a topic without a section. A topic's papers read as one section.
 */
function mergeAdopted(sections: Section[], adopted: readonly Section[], except: boolean): Section[] {
  if (adopted.length === 0) return sections;
  const out = sections.map((s) => ({ ...s, papers: [...s.papers] }));
  const added: Section[] = [];
  const last = out.findIndex((s) => s.topic.slug === CATCH_ALL_SLUG);
  for (const a of adopted) {
    const into =
      out.find((s) => s.topic.slug === a.topic.slug) ?? added.find((s) => s.topic.slug === a.topic.slug);
    const catchAll = except && into === undefined ? out[last] : undefined;
    if (catchAll !== undefined) {
      const own = a.papers.map((p) => [p.id, a.topic.slug] as const);
      catchAll.topic = {
        ...catchAll.topic,
        paperTopics: { ...catchAll.topic.paperTopics, ...Object.fromEntries(own) },
        topicLabels: { ...catchAll.topic.topicLabels, [a.topic.slug]: a.topic.label },
      };
      catchAll.papers.push(...a.papers);
    } else if (into) {
      const seen = new Set(into.papers.map((p) => p.id));
      const fresh = a.papers.filter((p) => !seen.has(p.id));
      // Before the section's papers from below the grouping pool (joined by their titles alone):
      // a paper of the pool that names the topic second outranks them, and a capped cut keeps it.
      const below = into.papers.findIndex((p) => p.belowPool === true);
      if (below < 0) into.papers.push(...fresh);
      else into.papers.splice(below, 0, ...fresh);
    } else added.push({ ...a, papers: [...a.papers] });
  }
  if (last < 0) return [...out, ...added];
  return [...out.slice(0, last), ...added, ...out.slice(last)];
}

/**
 * A reader's cut held to the letter's caps: each section's best papers up to the per-section cap
 * ("More papers" to its own), the rest counted in its "N more on the web"; then, over the
 * per-edition cap, the lowest-ranked papers dropped (see {@link dropLowestRanked}).
 */
function capSections(edition: Edition, caps: EditionCaps): Edition {
  const sections = edition.sections.map((s) => {
    const cap = s.topic.slug === CATCH_ALL_SLUG ? caps.catchAll : caps.perSection;
    if (s.papers.length <= cap) return s;
    return { ...s, papers: s.papers.slice(0, cap), more: s.more + s.papers.length - cap };
  });
  const capped = { ...edition, sections };
  const over = countPapers(capped) - caps.perEdition;
  return over > 0 ? dropLowestRanked(capped, over) : capped;
}

/**
 * The papers of section `s` that name a topic the reader follows (`named`: paper id -> slug), in
 * a section of that topic each: its label as the section's topic carries it, no "more on the
 * web" (those are the section's).
 */
function byNamedTopic(
  s: Section,
  named: Readonly<Record<string, string>>,
  follows: (slug: string | undefined) => boolean,
): Section[] {
  const bySlug = new Map<string, Section['papers']>();
  for (const p of s.papers) {
    const slug = named[p.id];
    if (slug !== undefined && follows(slug)) bySlug.set(slug, [...(bySlug.get(slug) ?? []), p]);
  }
  return [...bySlug.entries()].map(([slug, papers]) => ({
    topic: {
      slug,
      label: s.topic.topicLabels?.[slug] ?? slug,
      keywords: [],
      categories: [],
      userDefined: false,
    },
    papers,
    more: 0,
  }));
}

/** Number of papers an edition shows. */
export function countPapers(edition: Edition): number {
  let count = 0;
  for (const section of edition.sections) count += section.papers.length;
  return count;
}

/**
 * Drop the `count` lowest-ranked papers (lowest total score; ties: the later one) for the size
 * budget. Each dropped paper adds to its section's "N more on the web"; a section left with a
 * single paper (other than the catch-all "More papers", slug `other`) drops it too, so no section
 * shows one paper; a section left empty is removed and its count moves to the edition's `more`.
 */
export function dropLowestRanked(edition: Edition, count: number): Edition {
  if (count <= 0) return edition;
  const all: { section: number; index: number; score: number }[] = [];
  edition.sections.forEach((section, s) => {
    section.papers.forEach((paper, i) => {
      all.push({ section: s, index: i, score: paper.score.total });
    });
  });
  all.sort((a, b) => a.score - b.score || b.section - a.section || b.index - a.index);
  const dropped = new Set(all.slice(0, count).map((p) => `${p.section}:${p.index}`));
  let more = edition.more;
  const sections: Section[] = [];
  edition.sections.forEach((section, s) => {
    let papers = section.papers.filter((_, i) => !dropped.has(`${s}:${i}`));
    const alone = papers.length === 1 && section.papers.length > 1 && section.topic.slug !== CATCH_ALL_SLUG;
    if (alone) papers = [];
    const sectionMore = section.more + (section.papers.length - papers.length);
    if (papers.length === 0) more += sectionMore;
    else sections.push({ ...section, papers, more: sectionMore });
  });
  return { ...edition, sections, more };
}
