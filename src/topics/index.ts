export {
  matchUserTopic,
  paperKeys,
  type RefreshOptions,
  refreshKeywords,
  topicVector,
  userTopicScore,
} from './catalogue.js';
export { type Claim, claimPapers, pairLoneOwners, RIVAL_RATIO, settleClaims } from './claims.js';
export { averageLinkage, cutTree, type Merge, silhouette } from './cluster.js';
export {
  type Assignment,
  type ClusterOptions,
  clusterBatch,
  refineAssignment,
  sectionRange,
} from './cluster-batch.js';
export { NO_APPLIED, parseApplied, parseAreas, parseCatalogue, parseHomes } from './curated.js';
export {
  bestTopic,
  EVIDENCE,
  JOIN_EVIDENCE,
  learnShadows,
  phraseKeys,
  titleNames,
  topicEvidence,
} from './evidence.js';
export {
  type GroupOptions,
  type GroupResult,
  groupPapers,
  OTHER_TOPIC,
  titleClaims,
} from './group-papers.js';
export {
  describeCluster,
  describeKeywords,
  formatLabel,
  labelWordCount,
  slugify,
  TOPIC_KEYWORDS,
} from './label.js';
export { chooseSectionLabel, labelsClash, MIN_LABEL_COVERAGE, type SectionLabel } from './label-section.js';
export {
  collectPhrases,
  isCompletePhrase,
  isGeneric,
  isHeadWord,
  isStartWord,
  isVague,
  type PhraseStats,
} from './phrases.js';
export { sectionBounds } from './sections.js';
export {
  centeredSimilarity,
  centroid,
  dot,
  normalize,
  type SparseVector,
  similarityMatrix,
} from './sparse.js';
export { extractTerms, foldPlural, isStopword, stemWord, type Term } from './tokenize.js';
export {
  buildCorpus,
  type Corpus,
  type CorpusOptions,
  FIELD_WEIGHTS,
  type FieldWeights,
  MATCH_WEIGHTS,
  type PaperTerms,
  type PaperText,
} from './vectorize.js';
