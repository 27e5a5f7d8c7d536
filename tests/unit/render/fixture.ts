import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edition, Paper, RankedPaper, Section, Topic } from '../../../src/domain/index.js';
import type { DigestViewOptions } from '../../../src/render/digest-view.js';
import { createRenderer, personalize, type RendererOptions } from '../../../src/render/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository's templates/ directory. */
export const TEMPLATES_DIR = path.resolve(here, '../../../templates');
const PAPERS = path.resolve(here, '../../fixtures/render/papers.json');

/** Real papers (HF daily papers with AI summaries, arXiv cs RSS), as normalize produces them. */
export function loadPapers(): Paper[] {
  return JSON.parse(readFileSync(PAPERS, 'utf8')) as Paper[];
}

export function topic(slug: string, label: string): Topic {
  return { slug, label, keywords: [], categories: [], userDefined: false };
}

/** The topic of "More papers" whose papers name these topics (`paperTopics`, with their labels). */
export function catchAllTopic(
  paperTopics: Record<string, string>,
  topicLabels: Record<string, string>,
): Topic {
  return { ...topic('other', 'More papers'), paperTopics, topicLabels };
}

/** Rank papers by upvotes then position, and spread them over sections of `perSection`. */
export function makeEdition(papers: Paper[], perSection = 8, id = 'daily-2026-06-12'): Edition {
  const ranked: RankedPaper[] = papers.map((p, i) => ({
    ...p,
    score: { upvotes: p.upvotes, comments: p.comments, sources: 1, recency: 1, total: 1000 - i },
  }));
  const labels = [
    'Language models',
    'Computer vision',
    'Robotics',
    'Machine learning',
    'Security',
    'Systems',
  ];
  const sections: Section[] = [];
  for (let i = 0; i < ranked.length; i += perSection) {
    const n = sections.length;
    const label = labels[n % labels.length] ?? 'Other';
    const slug = `${label.toLowerCase().replace(/\s+/g, '-')}${n >= labels.length ? `-${n}` : ''}`;
    sections.push({ topic: topic(slug, label), papers: ranked.slice(i, i + perSection), more: 0 });
  }
  return { id, frequency: 'daily', date: '2026-06-12', createdAt: '2026-06-12T08:00:00Z', sections, more: 0 };
}

export function rendererOptions(overrides: Partial<RendererOptions> = {}): RendererOptions {
  return {
    templatesDir: TEMPLATES_DIR,
    title: 'Paperpost',
    sender: {
      fromName: 'Paperpost',
      fromAddress: 'digest@paperpost.example',
      postalAddress: 'Paperpost, 1 Example Street, 75001 Paris',
      listId: 'paperpost.example',
    },
    baseUrl: 'https://paperpost.example',
    htmlBudgetBytes: 100_000,
    maxSummaryChars: 600,
    ...overrides,
  };
}

/** Values of one sample subscriber. */
export const SAMPLE_VALUES = {
  email: 'ada@example.org',
  name: 'Ada <Lovelace> & Co',
  unsubscribeUrl: 'https://paperpost.example/u/tok123?a=1&b=2',
  preferencesUrl: 'https://paperpost.example/p/tok123',
  topicUnsubscribeUrl: (slug: string) => `https://paperpost.example/u/tok123?topic=${slug}`,
};

/** A 30-paper daily digest rendered with the shipped templates and filled with SAMPLE_VALUES. */
export async function renderSampleDigest(): Promise<{ subject: string; html: string; text: string }> {
  const renderer = createRenderer(rendererOptions());
  const rendered = await renderer.renderVariant(makeEdition(loadPapers().slice(0, 30)), {
    key: 'daily:*',
    frequency: 'daily',
    topics: [],
  });
  return personalize(rendered, SAMPLE_VALUES);
}

/** What buildDigestView is given in these tests: a letter at https://papers.example. */
export function viewOptions(title = 'Paperpost'): DigestViewOptions {
  return {
    title,
    baseUrl: 'https://papers.example',
    postalAddress: '1 Example Street',
    fromName: 'Paperpost',
    summaryChars: 280,
  };
}
