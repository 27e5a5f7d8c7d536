import { describe, expect, it } from 'vitest';
import { inputPaper } from '../../../src/cli/input-file.js';

// A papers file's paper (`group`, `rank`, `render`, `preview --in`): an arXiv id, as the project
// reads one everywhere (src/normalize/arxiv-id.ts), gets its abstract and PDF pages.
describe('inputPaper: links of a paper without any', () => {
  it.each<[string, string | null, string | null]>([
    ['2411.12345', 'https://arxiv.org/abs/2411.12345', 'https://arxiv.org/pdf/2411.12345'],
    ['hep-th/9901001', 'https://arxiv.org/abs/hep-th/9901001', 'https://arxiv.org/pdf/hep-th/9901001'],
    ['my-own-paper', null, null],
    ['doi:10.1000/xyz', null, null],
  ])('%s', (id, abs, pdf) => {
    const paper = inputPaper({ id, title: 'A title' }, 0, 'papers.json');
    expect(paper.links.abs).toBe(abs);
    expect(paper.links.pdf).toBe(pdf);
    expect(paper.url).toBe(abs ?? '');
  });
});
