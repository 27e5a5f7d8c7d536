import { describe, expect, it } from 'vitest';
import type { RawEntry } from '../../../src/domain/index.js';
import { canonicalId, canonicalUrl, doiFrom } from '../../../src/normalize/index.js';
import { rawEntry } from './helpers.js';

const raw = (fields: Partial<RawEntry>): RawEntry => rawEntry({ title: 'T', ...fields });

describe('canonicalId', () => {
  it.each<[string, Partial<RawEntry>, string | undefined]>([
    ['HF id as guid', { kind: 'hf-daily', guid: '2606.00467' }, '2606.00467'],
    ['oai guid', { guid: 'oai:arXiv.org:2202.06515v3', url: 'https://example.com/x' }, '2202.06515'],
    ['API id', { guid: 'http://arxiv.org/abs/2401.00001v2' }, '2401.00001'],
    ['abs link', { guid: 'urn:x', url: 'https://arxiv.org/abs/2411.17700' }, '2411.17700'],
    [
      'pdf link only',
      { pdfUrl: 'https://arxiv.org/pdf/2401.00001v1.pdf', url: 'https://x.org/p' },
      '2401.00001',
    ],
    ['old style', { guid: 'http://arxiv.org/abs/hep-th/9901001v1' }, 'hep-th/9901001'],
    [
      'doi field',
      { doi: '10.1103/PhysRevAccelBeams.27.112802', url: 'https://x.org/a' },
      'doi:10.1103/physrevaccelbeams.27.112802',
    ],
    ['doi.org link', { url: 'https://doi.org/10.1000/ABC.def' }, 'doi:10.1000/abc.def'],
    [
      'canonical url',
      { url: 'http://Example.COM/Papers/1/?utm_source=rss&b=2&utm_medium=x#top' },
      'https://example.com/Papers/1?b=2',
    ],
    ['url guid when no link', { guid: 'https://example.com/p/1/' }, 'https://example.com/p/1'],
    ['nothing usable', { guid: 'not a url' }, undefined],
    ['javascript link', { url: 'javascript:alert(1)' }, undefined],
  ])('%s', (_name, fields, expected) => {
    expect(canonicalId(raw(fields))).toBe(expected);
  });
});

describe('canonicalUrl', () => {
  it.each([
    ['https://example.com/', 'https://example.com'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:8080/a/', 'https://example.com:8080/a'],
    ['https://EXAMPLE.com/A?utm_campaign=1', 'https://example.com/A'],
    ['ftp://example.com/a', undefined],
    ['nonsense', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });
});

describe('doiFrom', () => {
  it.each([
    ['10.1000/XYZ', '10.1000/xyz'],
    ['doi:10.1000/XYZ', '10.1000/xyz'],
    ['https://dx.doi.org/10.1000/a%2Fb', '10.1000/a/b'],
    ['not a doi', undefined],
    [null, undefined],
  ])('%s -> %s', (input, expected) => {
    expect(doiFrom(input)).toBe(expected);
  });
});
