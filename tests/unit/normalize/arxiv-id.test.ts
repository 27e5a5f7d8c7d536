import { describe, expect, it } from 'vitest';
import { arxivIdFrom, isArxivId } from '../../../src/normalize/index.js';

describe('arxivIdFrom', () => {
  it.each([
    ['2401.00001', '2401.00001'],
    ['2401.00001v2', '2401.00001'],
    ['arXiv:2401.00001v3', '2401.00001'],
    ['0704.0001', '0704.0001'],
    ['https://arxiv.org/abs/2411.17700', '2411.17700'],
    ['http://arxiv.org/abs/2401.00001v2', '2401.00001'],
    ['https://arxiv.org/pdf/2401.00001v2', '2401.00001'],
    ['https://arxiv.org/pdf/2401.00001v2.pdf', '2401.00001'],
    ['https://export.arxiv.org/abs/2401.00001', '2401.00001'],
    ['https://www.arxiv.org/abs/2401.00001/', '2401.00001'],
    ['https://arxiv.org/html/2401.00001v1', '2401.00001'],
    ['oai:arXiv.org:2202.06515v3', '2202.06515'],
    ['https://huggingface.co/papers/2604.04707', '2604.04707'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v1', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    ['http://arxiv.org/abs/astro-ph/0601001v1', 'astro-ph/0601001'],
    ['https://arxiv.org/pdf/cond-mat/0102536v1', 'cond-mat/0102536'],
    ['oai:arXiv.org:quant-ph/0201082', 'quant-ph/0201082'],
    ['10.48550/arXiv.2401.00001', '2401.00001'],
    ['https://doi.org/10.48550/arXiv.2401.00001', '2401.00001'],
    ['  2401.00001  ', '2401.00001'],
  ])('%s -> %s', (input, expected) => {
    expect(arxivIdFrom(input)).toBe(expected);
  });

  it.each([
    [''],
    ['hello'],
    ['2413.00001'], // month 13
    ['https://example.com/abs/2401.00001'],
    ['https://evil.example/arxiv.org/abs/2401.00001'],
    ['10.1103/PhysRevAccelBeams.27.112802'],
    ['https://blog.example/post/2401.00001'],
    ['javascript:2401.00001'],
  ])('%s -> undefined', (input) => {
    expect(arxivIdFrom(input)).toBeUndefined();
  });

  it.each([
    ['2401.00001', true],
    ['hep-th/9901001', true],
    ['doi:10.1000/x', false],
    ['https://example.com/a', false],
  ])('isArxivId(%s) = %s', (id, expected) => {
    expect(isArxivId(id)).toBe(expected);
  });
});
