import { createRequire } from 'node:module';
import { PaperpostError } from '../domain/index.js';

/** What one MJML compile gives back. */
export interface MjmlResult {
  html: string;
  /** Soft validation messages (the document still compiled). */
  warnings: string[];
}

interface MjmlError {
  formattedMessage?: string;
  message?: string;
}

type Mjml2Html = (
  source: string,
  options: Record<string, unknown>,
) => Promise<{ html: string; errors?: MjmlError[] }>;

let loaded: Mjml2Html | undefined;

/** mjml costs ~0.5 s to load: load it on the first compile, not at import time. */
function loadMjml(): Mjml2Html {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const mod = require('mjml') as Mjml2Html | { default: Mjml2Html };
    loaded = typeof mod === 'function' ? mod : mod.default;
  }
  return loaded;
}

/**
 * Compile an MJML document to HTML. Validation is soft (warnings are returned), includes are
 * off, no web fonts are pulled in and nothing is minified (minify needs cssnano 8 / Node 22).
 * A document MJML cannot parse rejects with a `PaperpostError` naming `name`.
 */
export async function compileMjml(source: string, name: string): Promise<MjmlResult> {
  const mjml2html = loadMjml();
  let result: Awaited<ReturnType<Mjml2Html>>;
  try {
    result = await mjml2html(source, {
      validationLevel: 'soft',
      keepComments: false,
      minify: false,
      beautify: false,
      fonts: {},
      ignoreIncludes: true,
      useMjmlConfigOptions: false,
    });
  } catch (err) {
    const reason = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
    throw new PaperpostError('render', 'mjml-failed', `${name}: MJML compile failed: ${reason}`, {
      cause: err,
    });
  }
  if (typeof result.html !== 'string' || !result.html.includes('</html>')) {
    throw new PaperpostError('render', 'mjml-failed', `${name}: MJML returned no complete document`);
  }
  const warnings = (result.errors ?? []).map((e) => e.formattedMessage ?? e.message ?? String(e));
  return { html: result.html, warnings };
}
