import Parser from 'rss-parser';

/** A parsed XML feed as loose trees: rss-parser's fields plus the custom ones below. */
export interface XmlFeed {
  feed: Record<string, unknown>;
  items: Record<string, unknown>[];
}

// The one file that imports rss-parser. Custom fields fill what it does not map (see
// DEPENDENCIES.md): all Atom authors, `<category term>`, every `<link>`, arXiv's namespace,
// Media RSS thumbnails.
const parser = new Parser({
  // `<rss>` without a version attribute is common in the wild: read it as RSS 2.0.
  defaultRSS: 2,
  customFields: {
    item: [
      ['author', 'authors', { keepArray: true }],
      ['category', 'categoryList', { keepArray: true }],
      ['link', 'links', { keepArray: true }],
      ['dc:creator', 'creators', { keepArray: true }],
      'arxiv:announce_type',
      'arxiv:primary_category',
      'arxiv:DOI',
      'arxiv:doi',
      'published',
      'updated',
      'issued',
      'modified',
      'created',
      'dc:date',
      'dcterms:created',
      'dcterms:issued',
      'dcterms:modified',
      'prism:doi',
      ['dc:identifier', 'identifiers', { keepArray: true }],
      ['media:thumbnail', 'mediaThumbnails', { keepArray: true }],
      ['media:content', 'mediaContents', { keepArray: true }],
      ['media:group', 'mediaGroups', { keepArray: true }],
    ],
  },
});

/** Parses RSS 0.9x/1.0/2.0 or Atom text with rss-parser's `parseString`; throws its errors as is. */
export async function readXmlFeed(text: string): Promise<XmlFeed> {
  const result = (await parser.parseString(text)) as unknown as Record<string, unknown>;
  const { items, ...feed } = result;
  const entries = Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
  return { feed, items: entries };
}
