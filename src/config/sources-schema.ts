import type * as Zod from 'zod';

/**
 * The zod builders these schemas use. Only these functions, never the `zod` namespace itself: a
 * namespace passed as a value keeps all of zod in the bundle (its ~40 locales, JSON Schema
 * conversion: ~0.75 MB instead of ~0.2 MB), which every command then compiles at start-up.
 */
export type SourceSchemaBuilders = Pick<
  typeof Zod,
  'array' | 'boolean' | 'enum' | 'number' | 'object' | 'string'
>;

/**
 * The schemas of `sources[]` and `fetch`, built with the zod that schema.ts imports (zod is
 * imported in one file only).
 */
export function createSourceSchemas(z: SourceSchemaBuilders) {
  /** An arXiv category or archive: `cs.CL`, `hep-th`, `astro-ph.GA`, `q-bio.NC`. */
  const arxivCategory = z
    .string()
    .regex(/^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/, 'an arXiv category such as "cs.CL" or "hep-th"');

  const LIVE_KINDS = 'hf-daily (no location), arxiv-rss with categories, arxiv-api with a query';

  /**
   * One source, configured by meaning (`categories`, `query`, the Hugging Face list) or by
   * `location` (any RSS/Atom/JSON Feed URL or file, or an OPML list of feeds).
   */
  const sourceSchema = z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lowercase id (letters, digits, . _ -)'),
      kind: z.enum(['auto', 'rss', 'arxiv-rss', 'arxiv-api', 'hf-daily', 'opml']).default('auto'),
      /** What a card calls the source ("in PubMed search and ZooKeys"); arXiv and HF papers say theirs. */
      name: z.string().trim().min(1, 'a name a card can show').max(60).optional(),
      location: z.string().min(1, 'an http(s) URL or a file path').optional(),
      includeReplacements: z.boolean().default(false),
      categories: z.array(arxivCategory).min(1).optional(),
      query: z.string().trim().min(1, 'a query in arXiv search syntax, e.g. abs:"long context"').optional(),
      maxResults: z.number().int().positive().max(2000).optional(),
      pageSize: z.number().int().positive().max(2000).optional(),
      sort: z.enum(['trending', 'publishedAt']).optional(),
      period: z.enum(['edition', 'day', 'week']).optional(),
    })
    .strict()
    .superRefine((source, ctx) => {
      const live =
        source.kind === 'hf-daily' ||
        (source.kind === 'arxiv-rss' && source.categories !== undefined) ||
        (source.kind === 'arxiv-api' && source.query !== undefined);
      if (!source.location && !live) {
        ctx.addIssue({
          code: 'custom',
          path: ['location'],
          message: `a location, unless the source is ${LIVE_KINDS}`,
        });
      }
      if (source.categories && source.kind !== 'arxiv-rss') {
        ctx.addIssue({ code: 'custom', path: ['categories'], message: 'only for kind arxiv-rss' });
      }
      if (source.query && source.kind !== 'arxiv-api') {
        ctx.addIssue({ code: 'custom', path: ['query'], message: 'only for kind arxiv-api' });
      }
    });

  const endpoint = z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s) base URL');

  /** How Paperpost fetches: who it says it is, where the live hosts are, how often it asks them. */
  const fetchSchema = z
    .object({
      /** The operator's contact address, sent in the User-Agent (arXiv asks for one). */
      contact: z.string().email().optional(),
      endpoints: z
        .object({
          huggingface: endpoint.default('https://huggingface.co'),
          arxivRss: endpoint.default('https://rss.arxiv.org'),
          arxivApi: endpoint.default('https://export.arxiv.org'),
        })
        .strict()
        .prefault({}),
      /** Least time between two requests to one host. */
      hostIntervalMs: z.number().int().min(0).default(1000),
      /** Least time between two arXiv API requests; arXiv asks for 3 s. */
      arxivApiIntervalMs: z.number().int().min(0).default(3000),
    })
    .strict()
    .prefault({});
  return { sourceSchema, fetchSchema };
}
