/**
 * arXiv identifiers: new style `YYMM.NNNN(N)` and old style `archive(.SC)/YYMMNNN`, found in bare
 * ids, `arXiv:` prefixes, `oai:arXiv.org:` guids, arxiv.org abs/pdf/html links, HF paper links and
 * arXiv DOIs (10.48550/arXiv.ID). Returned without version; old-style ids lose the subject class
 * (`math.GT/0309136` -> `math/0309136`), as arXiv itself treats them as one paper.
 */

const NEW_ID = String.raw`(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v\d+)?`;
const OLD_ID = String.raw`([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2}(?:-[a-z]+)?)?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d+)?`;
const ID = `(?:${NEW_ID}|${OLD_ID})`;

const BARE = new RegExp(String.raw`^(?:arxiv:\s*)?${ID}$`, 'i');
const OAI = new RegExp(String.raw`^oai:arxiv\.org:${ID}$`, 'i');
const ARXIV_URL = new RegExp(
  String.raw`^(?:https?:)?\/\/(?:www\.|export\.|browse\.)?arxiv\.org\/(?:abs|pdf|html|format)\/${ID}(?:\.pdf)?\/?(?:[?#].*)?$`,
  'i',
);
const HF_URL = new RegExp(
  String.raw`^(?:https?:)?\/\/(?:www\.)?huggingface\.co\/papers\/${NEW_ID}\/?(?:[?#].*)?$`,
  'i',
);
const ARXIV_DOI = new RegExp(
  String.raw`^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.${ID}$`,
  'i',
);

function idOf(match: RegExpExecArray | null): string | undefined {
  if (!match) return undefined;
  const [, modern, archive, number] = match;
  if (modern) return modern;
  if (archive && number) return `${archive.toLowerCase()}/${number}`;
  return undefined;
}

/** The versionless arXiv id in a guid, link or id, or undefined when there is none. */
export function arxivIdFrom(text: string): string | undefined {
  const t = text.trim();
  if (t.length === 0 || t.length > 500) return undefined;
  for (const pattern of [BARE, OAI, ARXIV_URL, HF_URL, ARXIV_DOI]) {
    const id = idOf(pattern.exec(t));
    if (id) return id;
  }
  return undefined;
}

/** True for a canonical id that is an arXiv id (not `doi:...` nor a URL). */
export function isArxivId(id: string): boolean {
  return !id.startsWith('doi:') && !id.includes('://') && arxivIdFrom(id) === id;
}
