export { explainScore, formatScoreParts, type ScoreExplanation } from './explain-score.js';
export {
  comparePapers,
  crossListed,
  type Followed,
  type RankOptions,
  type RankResult,
  rankGroups,
  rankPapers,
  rankSections,
} from './rank-sections.js';
export {
  ageHours,
  anchorStaleListing,
  DEFAULT_WINDOW_HOURS,
  dateUndated,
  paperDate,
  type RankWeights,
  scorePaper,
  windowEnd,
} from './score-paper.js';
export { type UpvoteSample, upvotesPerDay } from './upvote-growth.js';
