/** Render stage: templates + MJML -> HTML, text, subject and preheader per variant. */

export {
  type CheckItem,
  type CheckLevel,
  type CheckReport,
  checkBuiltMessage,
  checkMessage,
  checkMessageParts,
  extractLinks,
  formatCheckReport,
  GMAIL_CLIP_BYTES,
  type MessageParts,
  rawHeaderLines,
} from './check-message.js';
export {
  clampText,
  formatDate,
  namedTopicOf,
  type PaperCard,
  paperCard,
  type SourceNames,
  shortenAuthors,
  sourceNamesOf,
  withTopic,
} from './digest-view.js';
export { countPapers, cutEdition } from './edition-cut.js';
export { escapeHtml } from './escape.js';
export { preloadMjml } from './mjml.js';
export {
  fillPlaceholders,
  type PersonalValues,
  PLACEHOLDER_PATTERN,
  PLACEHOLDERS,
  personalize,
  topicUnsubscribePlaceholder,
} from './placeholders.js';
export {
  CARD_SUMMARY_CHARS,
  createRenderer,
  estimateFilledBytes,
  type Renderer,
  type RendererOptions,
  type SimpleMail,
} from './renderer.js';
export { estimateSpamScore, type SpamEstimate } from './spam-score.js';
export { visibleTextOfRendered } from './visible-text.js';
