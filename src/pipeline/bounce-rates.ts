import type { BounceCounts, DeliveryCounts } from '../domain/index.js';

/** Above these shares of sent mail an edition is flagged (Gmail and Yahoo refuse bulk senders
 * at 0.3% spam complaints; bounce rates above 2% mark a list that is not kept clean). */
export const BOUNCE_RATE_LIMIT = 0.02;
export const COMPLAINT_RATE_LIMIT = 0.001;

export interface EditionBounceRate {
  editionId: string;
  sent: number;
  bounces: BounceCounts;
  /** (hard + soft) / sent; 0 when nothing was sent. */
  bounceRate: number;
  complaintRate: number;
  warnings: string[];
}

const pct = (x: number): string => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;

/** Bounce and complaint rates of editions, with a warning for each limit passed. */
export async function editionBounceRates(
  store: { bounces: { countBounces(editionId: string): Promise<BounceCounts> } },
  editions: ReadonlyArray<{ id: string; deliveries: DeliveryCounts }>,
): Promise<EditionBounceRate[]> {
  const out: EditionBounceRate[] = [];
  for (const e of editions) {
    const bounces = await store.bounces.countBounces(e.id);
    const sent = e.deliveries.sent;
    const bounceRate = sent > 0 ? (bounces.hard + bounces.soft) / sent : 0;
    const complaintRate = sent > 0 ? bounces.complaint / sent : 0;
    const warnings: string[] = [];
    if (bounceRate > BOUNCE_RATE_LIMIT)
      warnings.push(`${e.id}: bounce rate ${pct(bounceRate)} is above ${pct(BOUNCE_RATE_LIMIT)}`);
    if (complaintRate > COMPLAINT_RATE_LIMIT)
      warnings.push(`${e.id}: complaint rate ${pct(complaintRate)} is above ${pct(COMPLAINT_RATE_LIMIT)}`);
    out.push({ editionId: e.id, sent, bounces, bounceRate, complaintRate, warnings });
  }
  return out;
}

/** The rates as lines for `paperpost status`. */
export function formatBounceRates(rates: readonly EditionBounceRate[]): string {
  if (rates.length === 0) return '';
  const lines = ['', 'Bounces and complaints (share of sent mail)'];
  for (const r of rates)
    lines.push(
      `  ${r.editionId}  sent ${r.sent}  hard ${r.bounces.hard}  soft ${r.bounces.soft}  bounce rate ${pct(r.bounceRate)}  complaints ${r.bounces.complaint} (${pct(r.complaintRate)})`,
    );
  for (const r of rates) for (const w of r.warnings) lines.push(`warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
