import type { Edition, Frequency, RenderedVariant, Variant } from '../domain/index.js';
import { PaperpostError } from '../domain/index.js';
import { countPapers, cutEdition } from '../render/index.js';
import type { RunStore } from './types.js';

/** What the pipeline needs of the renderer (render/'s Renderer satisfies it). */
export interface VariantRenderer {
  renderVariant(edition: Edition, variant: Variant): Promise<RenderedVariant>;
}

/** "daily:*" -> all topics; "weekly:agents,diffusion-models" -> those slugs. */
export function parseVariantKey(key: string): Variant {
  const [frequency, topics = '*'] = key.split(':', 2) as [string, string | undefined];
  if (frequency !== 'daily' && frequency !== 'weekly') {
    throw new PaperpostError('pipeline', 'bad-variant', `variant "${key}": unknown frequency`);
  }
  return {
    key,
    frequency: frequency as Frequency,
    topics: topics === '*' || topics === '' ? [] : topics.split(',').filter(Boolean),
  };
}

export function allTopicsKey(frequency: Frequency): string {
  return `${frequency}:*`;
}

/**
 * true when the variant `key` of `edition` shows no paper: the edition holds nothing of that
 * reader's topics, and no mail goes out for it (its deliveries are `skipped`).
 */
export function isEmptyVariant(edition: Edition, key: string): boolean {
  return countPapers(cutEdition(edition, parseVariantKey(key).topics)) === 0;
}

/**
 * Render every variant the ledger needs, plus the all-topics one (web version, preview), once
 * each (MJML never runs per subscriber). Already-rendered variants are kept, so a resumed send
 * delivers exactly what the first attempt rendered.
 */
export async function renderVariants(
  store: Pick<RunStore, 'editions' | 'ledger'>,
  renderer: VariantRenderer,
  edition: Edition,
): Promise<{ rendered: number; variants: string[] }> {
  const keys = new Set(await store.ledger.listVariantKeys(edition.id));
  keys.add(allTopicsKey(edition.frequency));
  let rendered = 0;
  for (const key of [...keys].sort()) {
    if (await store.editions.getRenderedVariant(edition.id, key)) continue;
    const output = await renderer.renderVariant(edition, parseVariantKey(key));
    await store.editions.saveRenderedVariant(edition.id, output);
    rendered++;
  }
  return { rendered, variants: [...keys].sort() };
}
