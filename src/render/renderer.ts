import path from 'node:path';
import type { Edition, RenderedVariant, Variant } from '../domain/index.js';
import { cleanText, PaperpostError, safeHttpUrl } from '../domain/index.js';
import { type CompiledTemplate, createTemplateCompiler, defaultPrebuiltDir } from './compiled-templates.js';
import { buildDigestView, type DigestView, type SourceNames } from './digest-view.js';
import { countPapers, cutEdition, dropLowestRanked } from './edition-cut.js';
import { compileMjml } from './mjml.js';
import { PLACEHOLDER_PATTERN } from './placeholders.js';
import { createTemplateSet } from './templates.js';

/** What the renderer needs; comes from the config (sender, limits, title) and the base URL. */
export interface RendererOptions {
  templatesDir: string;
  title: string;
  sender: { fromName: string; fromAddress: string; postalAddress: string; listId: string };
  /** Public site URL (archive, "view on the web"); http(s). */
  baseUrl: string;
  /** Gmail clips HTML over ~102 KB: the rendered HTML (placeholders filled) stays under this. */
  htmlBudgetBytes: number;
  /** Longest summary on a card; cards show at most ~3 lines anyway (see CARD_SUMMARY_CHARS). */
  maxSummaryChars: number;
  /** The names the config gives its sources (`sources[].name`), for the cards (see venuesOf). */
  sourceNames?: SourceNames;
  /** Called with soft MJML validation messages and budget trimming notes. */
  onWarning?: (message: string) => void;
  /** Folder of templates compiled at build time (dist/templates/); see compiled-templates.ts. */
  prebuiltDir?: string | undefined;
  /** Told where each compiled template came from: the build, or MJML in this process. */
  onCompiled?: (name: string, origin: 'prebuilt' | 'compiled') => void;
}

/** A short transactional mail. */
export interface SimpleMail {
  subject: string;
  html: string;
  text: string;
}

export interface Renderer {
  /** True when the digest renders without running MJML (compiled at build, or already here). */
  digestReady(): boolean;
  /** Render one variant of an edition: the compiled template filled; placeholders stay unfilled. */
  renderVariant(edition: Edition, variant: Variant): Promise<RenderedVariant>;
  renderConfirmation(values: { confirmUrl: string; email: string }): Promise<SimpleMail>;
  renderWelcome(values: { preferencesUrl: string; unsubscribeUrl: string }): Promise<SimpleMail>;
}

/** A card's summary: 2-3 lines at 600 px. */
export const CARD_SUMMARY_CHARS = 280;
/** Bytes reserved per placeholder for the URL or address that replaces it. */
export const PLACEHOLDER_RESERVE_BYTES = 160;
// Below 160 characters a summary is half a sentence: drop the lowest-ranked papers instead.
const SHORTER_SUMMARIES = [200, 160];
const MAX_ATTEMPTS = 6;

/** HTML size once placeholders are filled, estimated with a reserve per placeholder. */
export function estimateFilledBytes(html: string): number {
  let placeholders = 0;
  for (const _ of html.matchAll(PLACEHOLDER_PATTERN)) placeholders++;
  return Buffer.byteLength(html, 'utf8') + placeholders * PLACEHOLDER_RESERVE_BYTES;
}

/** Create a renderer over a templates directory (compiled templates cached, reloaded on change). */
export function createRenderer(options: RendererOptions): Renderer {
  const templates = createTemplateSet(options.templatesDir);
  const baseUrl = safeHttpUrl(options.baseUrl);
  if (!baseUrl) {
    throw new PaperpostError('render', 'bad-base-url', `base URL ${options.baseUrl}: not an http(s) URL`);
  }
  const warn = options.onWarning ?? (() => {});
  const sender = {
    fromName: cleanText(options.sender.fromName),
    postalAddress: cleanText(options.sender.postalAddress),
  };
  const title = cleanText(options.title) || 'Paperpost';

  const compiler = createTemplateCompiler(options.templatesDir, {
    compile: async (input) => compileMjml(input, path.basename(input.filePath)),
    prebuiltDir: options.prebuiltDir ?? defaultPrebuiltDir(),
    onCompiled: (name, origin) => options.onCompiled?.(name, origin),
  });
  const warned = new Set<string>();
  /** The compiled template; MJML's soft warnings are passed on once per template version. */
  const compiled = async (name: string): Promise<CompiledTemplate> => {
    const template = await compiler.compiled(name);
    const id = `${template.key}\0${name}`;
    if (!warned.has(id)) {
      warned.add(id);
      for (const w of template.warnings) warn(`${name}: ${w}`);
    }
    return template;
  };

  const renderOnce = async (edition: Edition, summaryChars: number) => {
    const view: DigestView = buildDigestView(edition, {
      title,
      baseUrl,
      postalAddress: sender.postalAddress,
      fromName: sender.fromName,
      summaryChars,
      ...(options.sourceNames ? { sourceNames: options.sourceNames } : {}),
    });
    const html = mergeOutlookConditionals(
      stripIndentation(templates.renderCompiled(await compiled('digest.mjml'), view)),
    );
    const text = templates.renderText('digest.txt', view);
    return { html, text: tidyText(text), subject: view.subject, preheader: view.preheader };
  };

  const renderVariant = async (edition: Edition, variant: Variant): Promise<RenderedVariant> => {
    let current = cutEdition(edition, variant.topics);
    let summaryChars = Math.min(options.maxSummaryChars, CARD_SUMMARY_CHARS);
    let result = await renderOnce(current, summaryChars);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const size = estimateFilledBytes(result.html);
      if (size <= options.htmlBudgetBytes) break;
      const shorter = SHORTER_SUMMARIES.find((c) => c < summaryChars);
      if (shorter !== undefined) {
        summaryChars = shorter;
      } else {
        const papers = countPapers(current);
        if (papers === 0) break;
        const excess = 1 - options.htmlBudgetBytes / size;
        const drop = Math.min(papers, Math.max(1, Math.ceil(papers * excess * 1.2)));
        current = dropLowestRanked(current, drop);
      }
      result = await renderOnce(current, summaryChars);
    }
    const finalSize = estimateFilledBytes(result.html);
    if (finalSize > options.htmlBudgetBytes) {
      warn(`digest ${variant.key}: HTML is ${finalSize} bytes, over the ${options.htmlBudgetBytes} budget`);
    }
    return { variantKey: variant.key, ...result };
  };

  // Transactional letters: their template compiled once, filled per mail like a digest.
  const renderLetter = async (name: string, data: Record<string, string>, subject: string) => {
    const preheader = subject;
    const html = mergeOutlookConditionals(
      stripIndentation(
        templates.renderCompiled(await compiled(name), { ...data, title, sender, subject, preheader }),
      ),
    );
    // Its own text template (`confirm.txt` beside `confirm.mjml`): a text reader has no button.
    const text = templates.renderText(name.replace(/\.mjml$/, '.txt'), { ...data, title, sender, subject });
    return { subject, html, text };
  };

  const requireUrl = (value: string, what: string): string => {
    const url = safeHttpUrl(value);
    if (!url) throw new PaperpostError('render', 'bad-url', `${what} ${value}: not an http(s) URL`);
    return url;
  };

  return {
    digestReady: () => compiler.ready('digest.mjml'),
    renderVariant,
    renderConfirmation: async (values) =>
      renderLetter(
        'confirm.mjml',
        { confirmUrl: requireUrl(values.confirmUrl, 'confirm URL'), email: cleanText(values.email) },
        `Confirm your subscription to ${title}`,
      ),
    renderWelcome: async (values) =>
      renderLetter(
        'welcome.mjml',
        {
          preferencesUrl: requireUrl(values.preferencesUrl, 'preferences URL'),
          unsubscribeUrl: requireUrl(values.unsubscribeUrl, 'unsubscribe URL'),
        },
        `Welcome to ${title}`,
      ),
  };
}

/**
 * MJML indents its output deeply; the indentation is a fifth of a digest's bytes. The mails have
 * no <pre>, so leading whitespace of a line carries no meaning.
 */
export function stripIndentation(html: string): string {
  return html.replace(/\n[ \t]+/g, '\n').replace(/\n{2,}/g, '\n');
}

/**
 * MJML merges an Outlook-only block that closes right where the next one opens (its last step);
 * in a compiled template an `<mj-raw>` loop sits between the sections, so the merge is done once
 * the loop has been filled: the same markup as a whole-document compile, and no bytes more.
 */
export function mergeOutlookConditionals(html: string): string {
  return html.replace(/<!\[endif]-->\s*?<!--\[if mso \| IE]>/g, '');
}

/** At most one blank line in a row, no trailing spaces, one final newline. */
function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
