/**
 * Render benchmark: one MJML compile of a 50-paper variant vs the per-recipient cost of
 * `personalize` (string fill). Target: per-recipient <= 1% of one compile.
 * Run: npx tsx bench/render-bench.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edition, Paper, RankedPaper, Section } from '../src/domain/index.js';
import { createRenderer, personalize } from '../src/render/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const papers = JSON.parse(
  readFileSync(path.join(root, 'tests/fixtures/render/papers.json'), 'utf8'),
) as Paper[];

function edition(count: number): Edition {
  const ranked: RankedPaper[] = papers.slice(0, count).map((p, i) => ({
    ...p,
    score: { upvotes: p.upvotes, comments: p.comments, sources: 1, recency: 1, total: count - i },
  }));
  const sections: Section[] = [];
  for (let i = 0; i < ranked.length; i += 8) {
    const slug = `topic-${sections.length + 1}`;
    sections.push({
      topic: {
        slug,
        label: `Topic ${sections.length + 1}`,
        keywords: [],
        categories: [],
        userDefined: false,
      },
      papers: ranked.slice(i, i + 8),
      more: 0,
    });
  }
  return {
    id: 'bench',
    frequency: 'daily',
    date: '2026-06-12',
    createdAt: '2026-06-12T08:00:00Z',
    sections,
    more: 0,
  };
}

const renderer = createRenderer({
  templatesDir: path.join(root, 'templates'),
  title: 'Paperpost',
  sender: {
    fromName: 'Paperpost',
    fromAddress: 'd@example.org',
    postalAddress: '1 Example St',
    listId: 'x.example',
  },
  baseUrl: 'https://paperpost.example',
  htmlBudgetBytes: 100_000,
  maxSummaryChars: 600,
});
const variant = { key: 'daily:*', frequency: 'daily' as const, topics: [] };
const ed = edition(50);

let t = performance.now();
let rendered = await renderer.renderVariant(ed, variant);
const coldMs = performance.now() - t;

const compileRuns = 20;
t = performance.now();
for (let i = 0; i < compileRuns; i++) rendered = await renderer.renderVariant(ed, variant);
const compileMs = (performance.now() - t) / compileRuns;

const recipients = 20_000;
let bytes = 0;
// Warm the split cache as a real send does for its first recipient.
personalize(rendered, values(0));
t = performance.now();
for (let i = 0; i < recipients; i++) bytes += personalize(rendered, values(i)).html.length;
const perRecipientMs = (performance.now() - t) / recipients;

function values(i: number) {
  const token = `tok${i.toString(36).padStart(40, 'x')}`;
  return {
    email: `reader${i}@example.org`,
    name: i % 2 ? `Reader ${i}` : null,
    unsubscribeUrl: `https://paperpost.example/u/${token}`,
    preferencesUrl: `https://paperpost.example/p/${token}`,
    topicUnsubscribeUrl: (slug: string) => `https://paperpost.example/u/${token}?topic=${slug}`,
  };
}

const ratio = perRecipientMs / compileMs;
console.log(
  `render bench: 50 papers, HTML ${Buffer.byteLength(rendered.html)} bytes (${rendered.text.length} chars text)`,
);
console.log(`  first render (loads mjml): ${coldMs.toFixed(1)} ms`);
console.log(`  one variant render (eta + MJML, mean of ${compileRuns}): ${compileMs.toFixed(2)} ms`);
console.log(`  personalize per recipient (mean of ${recipients}): ${(perRecipientMs * 1000).toFixed(1)} µs`);
console.log(
  `  ratio per-recipient / compile: ${(ratio * 100).toFixed(3)} % (target <= 1 %) ${ratio <= 0.01 ? 'OK' : 'OVER'}`,
);
if (bytes === 0) console.log('no output');
