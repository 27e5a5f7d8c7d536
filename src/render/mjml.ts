import { PaperpostError } from '../domain/index.js';
import { readSkeleton, skeletonKey, writeSkeleton } from './mjml-cache.js';
import { MJML_OPTIONS, type MjmlOutput, mjmlVersion, runMjml } from './mjml-engine.js';
import { fillSlots, slotMjml } from './mjml-slots.js';

export { preloadMjml } from './mjml-engine.js';

/** What one MJML compile gives back. */
export interface MjmlResult {
  html: string;
  /** Soft validation messages (the document still compiled). */
  warnings: string[];
}

/** Where compiled skeletons are kept on disk (e.g. `<dataDir>/cache`); memory only when absent. */
export interface CompileOptions {
  cacheDir?: string;
}

let version: string | undefined;

async function compileWhole(source: string, name: string): Promise<MjmlOutput> {
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
  return result;
}

function warningsOf(output: MjmlOutput): string[] {
  return output.errors.map((e) => e.formattedMessage ?? e.message ?? String(e));
}

/**
 * Compile an MJML document to HTML (options: `MJML_OPTIONS`). The document is cut into its
 * skeleton and its text contents (`slotMjml`); the compiled skeleton is cached in memory and
 * under `cacheDir`, so an edition of a shape already seen does not run (or even load) MJML, and
 * a new shape compiles only the small skeleton. The HTML is byte for byte that of compiling the
 * whole document. A skeleton with validation messages is not used: the whole document is then
 * compiled, so warnings name the real lines. A document MJML cannot parse rejects with a
 * `PaperpostError` naming `name`.
 */
export async function compileMjml(
  source: string,
  name: string,
  options: CompileOptions = {},
): Promise<MjmlResult> {
  const slotted = slotMjml(source);
  if (slotted) {
    version ??= mjmlVersion();
    const key = skeletonKey(version, MJML_OPTIONS, slotted.skeleton);
    const cached = readSkeleton(key, options.cacheDir);
    const html = cached ? fillSlots(cached.html, slotted.slots) : null;
    if (html !== null) return { html, warnings: [] };
    if (!cached) {
      const compiled = await compileWhole(slotted.skeleton, name).catch(() => null);
      if (compiled && compiled.errors.length === 0) {
        const filled = fillSlots(compiled.html, slotted.slots);
        if (filled !== null) {
          writeSkeleton(key, { html: compiled.html }, options.cacheDir);
          return { html: filled, warnings: [] };
        }
      }
    }
  }
  const whole = await compileWhole(source, name);
  return { html: whole.html, warnings: warningsOf(whole) };
}
