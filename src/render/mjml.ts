import { PaperpostError } from '../domain/index.js';
import { type MjmlOutput, runMjml } from './mjml-engine.js';

export { plainTextOf, preloadMjml } from './mjml-engine.js';

/** What one MJML compile gives back. */
export interface MjmlResult {
  html: string;
  /** Soft validation messages (the document still compiled). */
  warnings: string[];
}

/**
 * Compile an MJML document to HTML (options: `MJML_OPTIONS`), in the preloaded worker thread when
 * `run` started one, else here. A document MJML cannot parse rejects with a `PaperpostError`
 * naming `name`. Nothing is cached: a variant compiles once per edition, and a warm compile
 * (15-30 ms for a digest, a few ms for a letter) is small beside what an edition costs
 * (`npm run bench:render` measured the skeleton cache this replaced).
 */
export async function compileMjml(source: string, name: string): Promise<MjmlResult> {
  let result: MjmlOutput;
  try {
    result = await runMjml(source);
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
    throw new PaperpostError('render', 'mjml-failed', `${name}: MJML compile failed: ${reason}`, {
      cause: err,
    });
  }
  if (typeof result.html !== 'string' || !result.html.includes('</html>')) {
    throw new PaperpostError('render', 'mjml-failed', `${name}: MJML returned no complete document`);
  }
  return {
    html: result.html,
    warnings: result.errors.map((e) => e.formattedMessage ?? e.message ?? String(e)),
  };
}
