import { describe, expect, it } from 'vitest';
import type { RawEntry } from '../../../src/domain/index.js';
import {
  canonicalId,
  canonicalUrl,
  doiFrom,
  formerIds,
  withoutTrackers,
} from '../../../src/normalize/index.js';
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
    // Journals' feeds: the same article from any feed, on any day, is one id.
    [
      'ScienceDirect link (dgcid is a tracker)',
      { url: 'https://www.sciencedirect.com/science/article/pii/S1055790321002906?dgcid=rss_sd_all' },
      'https://www.sciencedirect.com/science/article/pii/S1055790321002906',
    ],
    [
      'PubMed link (its query says when the feed was made)',
      {
        url: 'https://pubmed.ncbi.nlm.nih.gov/34929406/?utm_source=x&utm_medium=rss&fc=20211108074834&ff=20211221120236&v=2.16.2',
        guid: 'pubmed:34929406',
      },
      'https://pubmed.ncbi.nlm.nih.gov/34929406',
    ],
    [
      'DOI in a publisher path (Taylor & Francis)',
      { url: 'https://www.tandfonline.com/doi/full/10.1080/09397140.2021.1992835?af=R' },
      'doi:10.1080/09397140.2021.1992835',
    ],
    [
      'DOI in a publisher path, then the view (Frontiers)',
      { url: 'https://www.frontiersin.org/articles/10.3389/fmicb.2021.725159/full' },
      'doi:10.3389/fmicb.2021.725159',
    ],
    [
      'DOI in a journal path (Microbiology Society)',
      { url: 'https://www.microbiologyresearch.org/content/journal/ijsem/10.1099/ijsem.0.005019?TRACK=RSS' },
      'doi:10.1099/ijsem.0.005019',
    ],
    [
      'doi.org link with an OpenURL query (Cambridge)',
      { url: 'https://dx.doi.org/10.4039/tce.2021.38?rft_dat=source%3Ddrss' },
      'doi:10.4039/tce.2021.38',
    ],
    [
      'Oxford link (rss=1), no DOI',
      { url: 'https://academic.oup.com/zoolinnean/article/194/1/226/6413462?rss=1' },
      'https://academic.oup.com/zoolinnean/article/194/1/226/6413462',
    ],
    [
      'a parameter named like a tracker, with another value, stays',
      { url: 'https://example.com/a?af=2&rss=full&track=7' },
      'https://example.com/a?af=2&rss=full&track=7',
    ],
    [
      'a query that names the article stays (CNKI)',
      { url: 'https://t.cnki.net/kcms/detail?v=hw-ZsXKhVAGC' },
      'https://t.cnki.net/kcms/detail?v=hw-ZsXKhVAGC',
    ],
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
    ['https://example.com/a?fbclid=x&id=3&gclid=y', 'https://example.com/a?id=3'],
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
    ['https://doi.org/10.1000/abc?x=1', '10.1000/abc'],
    ['https://onlinelibrary.wiley.com/doi/abs/10.1111/jzs.12345', '10.1111/jzs.12345'],
    ['https://link.springer.com/article/10.1007/s00114-021-01770-9', '10.1007/s00114-021-01770-9'],
    ['https://example.com/releases/1.10/notes', undefined],
    ['not a doi', undefined],
    [null, undefined],
  ])('%s -> %s', (input, expected) => {
    expect(doiFrom(input)).toBe(expected);
  });
});

describe('formerIds', () => {
  it.each<[string, Partial<RawEntry>, string[]]>([
    [
      'a tracker kept by earlier releases',
      { url: 'https://www.sciencedirect.com/science/article/pii/S1?dgcid=rss_sd_all' },
      ['https://www.sciencedirect.com/science/article/pii/S1?dgcid=rss_sd_all'],
    ],
    [
      'an address read as a DOI now',
      { url: 'https://www.microbiologyresearch.org/content/journal/ijsem/10.1099/ijsem.0.5?TRACK=RSS' },
      ['https://www.microbiologyresearch.org/content/journal/ijsem/10.1099/ijsem.0.5?TRACK=RSS'],
    ],
    [
      "a doi.org link's query, kept in the DOI before",
      { url: 'https://dx.doi.org/10.4039/tce.2021.38?rft_dat=source%3Ddrss' },
      [
        'doi:10.4039/tce.2021.38?rft_dat=source=drss',
        'https://dx.doi.org/10.4039/tce.2021.38?rft_dat=source%3Ddrss',
      ],
    ],
    ['the same id as before', { url: 'https://example.com/p/1?utm_source=rss' }, []],
    ['an arXiv paper', { url: 'https://arxiv.org/abs/2411.17700?dgcid=x' }, []],
  ])('%s', (_name, fields, expected) => {
    expect(formerIds(raw(fields))).toEqual(expected);
  });
});

describe('withoutTrackers', () => {
  it.each<[string | null, string | null]>([
    [
      'https://pubmed.ncbi.nlm.nih.gov/34899011/?utm_source=Mobile%20Safari&utm_medium=rss&fc=20211108074834&ff=20211214094348&v=2.15.0',
      'https://pubmed.ncbi.nlm.nih.gov/34899011/',
    ],
    [
      'https://www.sciencedirect.com/science/article/pii/S1055790321002906?dgcid=rss_sd_all',
      'https://www.sciencedirect.com/science/article/pii/S1055790321002906',
    ],
    // Scheme, host case and path as the feed gave them; other parameters kept.
    ['http://Example.org/a/?id=3&utm_campaign=x#p2', 'http://example.org/a/?id=3#p2'],
    ['http://example.org/a/?id=3', 'http://example.org/a/?id=3'],
    ['javascript:alert(1)', 'javascript:alert(1)'],
    [null, null],
  ])('%s -> %s', (link, expected) => {
    expect(withoutTrackers(link)).toBe(expected);
  });
});
