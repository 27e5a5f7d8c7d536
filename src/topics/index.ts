export {
  matchUserTopic,
  paperKeys,
  type RefreshOptions,
  refreshKeywords,
  topicVector,
  userTopicScore,
} from './catalogue.js';
export { averageLinkage, cutTree, type Merge, silhouette } from './cluster.js';
export {
  type Assignment,
  type ClusterOptions,
  clusterBatch,
  refineAssignment,
  sectionRange,
} from './cluster-batch.js';
export { type GroupOptions, type GroupResult, groupPapers, OTHER_TOPIC } from './group-papers.js';
export {
  describeCluster,
  describeKeywords,
  formatLabel,
  labelWordCount,
  slugify,
  TOPIC_KEYWORDS,
} from './label.js';
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
