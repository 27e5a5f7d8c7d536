export { matchUserTopic, topicVector, userTopicScore } from './catalogue.js';
export { averageLinkage, cutTree, type Merge, silhouette } from './cluster.js';
export { type Assignment, type ClusterOptions, clusterBatch } from './cluster-batch.js';
export { type GroupOptions, type GroupResult, groupPapers, OTHER_TOPIC } from './group-papers.js';
export { describeCluster, formatLabel, slugify } from './label.js';
export { adjustedRandIndex, normalizedMutualInformation } from './metrics.js';
export { extractTerms, foldPlural, isStopword, type Term } from './tokenize.js';
export { buildCorpus, type Corpus, type PaperText, type SparseVector } from './vectorize.js';
