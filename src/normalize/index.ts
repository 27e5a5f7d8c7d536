export { arxivIdFrom, isArxivId } from './arxiv-id.js';
export { canonicalId, canonicalUrl, doiFrom, formerIds, withoutTrackers } from './canonical-id.js';
export { latexToText } from './latex-text.js';
export { mergePapers } from './merge-papers.js';
export { authorKey, type NormalizeOptions, normalizeEntry } from './normalize-entry.js';
export { boundedCount, MAX_SIGNAL_COUNT } from './signal-count.js';
