export {
  comparePapers,
  type RankOptions,
  type RankResult,
  rankPapers,
  rankSections,
} from './rank-sections.js';
export { ageHours, type RankWeights, scorePaper } from './score-paper.js';
