import { PaperpostError } from '../domain/index.js';
import { type MjmlOutput, type MjmlSource, runMjml } from './mjml-engine.js';

export { preloadMjml } from './mjml-engine.js';

/** What one MJML compile gives back. */
export interface MjmlResult {
  html: string;
  /** Soft validation messages (the document still compiled). */
  warnings: string[];
}

/**
 * Compile an MJML template file to HTML (options: `MJML_OPTIONS`), in the preloaded worker thread
 * when `run` started one, else here. A document MJML cannot parse rejects with a `PaperpostError`
 * naming `name`. Callers compile a template once per version (compiled-templates.ts).
 */
export async function compileMjml(input: MjmlSource, name: string): Promise<MjmlResult> {
  let result: MjmlOutput;
  try {
    result = await runMjml(input);
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
