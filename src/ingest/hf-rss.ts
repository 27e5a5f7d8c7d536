import type { RawEntry } from '../domain/index.js';

const HF_PAPER = /^https?:\/\/(?:www\.)?huggingface\.co\/papers\//i;
const SPLIT = /^\s*(?:Abstract\s+)?([\s\S]*?)\s+AI-generated summary\s+([\s\S]+)$/;

/**
 * RSS feeds scraped from HF Papers put "[Abstract] <AI summary> AI-generated summary <abstract>"
 * in the description; split it into aiSummary and summary. Other entries are left as they are.
 */
export function splitHfRssSummary(entry: RawEntry): RawEntry {
  if (!entry.summary || !HF_PAPER.test(entry.url ?? entry.guid ?? '')) return entry;
  const match = SPLIT.exec(entry.summary);
  if (!match?.[1] || !match[2]) return entry;
  return { ...entry, aiSummary: entry.aiSummary ?? match[1].trim(), summary: match[2].trim() };
}
