import { describe, expect, it } from 'vitest';
import type { Topic, TopicGroup } from '../../../src/domain/index.js';
import {
  archiveName,
  archiveOf,
  branchClasses,
  branchName,
  classHeading,
  className,
  fieldName,
} from '../../../src/topics/arxiv-taxonomy.js';
import { type Draft, labelWords } from '../../../src/topics/drafts.js';
import {
  CLASS_MIN_PAPERS,
  formClassSections,
  SHORT_LETTER,
  SUBJECT_MIN_PAPERS,
} from '../../../src/topics/form-sections.js';
import { groupPapers, OTHER_TOPIC, type PaperText } from '../../../src/topics/index.js';
import { labelsClash } from '../../../src/topics/label-section.js';
import {
  groupAsRun,
  loadAreasFile,
  loadCatalogueFile,
  loadHomesFile,
  loadPlacementArxivCs,
  readArxivFixture,
} from '../../helpers/placement.js';

/**
 * Issue #12, a broad feed: papers no catalogue topic fits (astrophysics, mathematics, networking
 * in a machine-learning letter) are grouped under their arXiv archive or class by name, rather
 * than left as half the letter in "More papers".
 */

describe('arXiv taxonomy', () => {
  it.each([
    ['cs.AR', 'Hardware architecture', 'cs', undefined],
    ['cs.NI', 'Networking and internet architecture', 'cs', undefined],
    ['astro-ph.CO', 'Cosmology and nongalactic astrophysics', 'astro-ph', 'Astrophysics'],
    ['math.AG', 'Algebraic geometry', 'math', 'Mathematics'],
    ['hep-th', 'High energy physics - theory', 'hep', 'High energy physics'],
    ['nucl-ex', 'Nuclear experiment', 'nucl', 'Nuclear physics'],
    ['quant-ph', 'Quantum physics', 'quant-ph', 'Quantum physics'],
    ['stat.ME', 'Statistical methodology', 'stat', 'Statistics'],
    // A class whose name names no subject has no heading of its own.
    ['math.GM', undefined, 'math', 'Mathematics'],
    ['cs.OH', undefined, 'cs', undefined],
    ['toString', undefined, 'toString', undefined],
  ])('%s: class %s, archive %s (%s)', (category, name, archive, heading) => {
    expect(className(category)).toBe(name);
    expect(archiveOf(category)).toBe(archive);
    expect(archiveName(archiveOf(category))).toBe(heading);
  });
});

describe('branches of computer science', () => {
  it.each([
    ['cs.DS', 'Theory of computing'],
    ['cs.CC', 'Theory of computing'],
    ['cs.LO', 'Theory of computing'],
    ['cs.DC', 'Computer systems'],
    ['cs.AR', 'Computer systems'],
    ['cs.NI', 'Communications and networking'],
    ['cs.IT', 'Communications and networking'],
    // Machine learning's own subjects, and other archives, belong to none.
    ['cs.LG', undefined],
    ['cs.CV', undefined],
    ['math.IT', undefined],
    ['toString', undefined],
  ])('%s: %s', (category, branch) => {
    expect(branchName(category)).toBe(branch);
    if (branch) expect(branchClasses(branch)).toContain(category);
  });

  it("lists each branch's classes, sorted", () => {
    expect(branchClasses('Theory of computing')).toEqual([
      'cs.CC',
      'cs.CG',
      'cs.DM',
      'cs.DS',
      'cs.FL',
      'cs.GT',
      'cs.LO',
    ]);
    expect(branchClasses('Nothing')).toEqual([]);
  });
});

function paper(id: string, categories: string[]): PaperText {
  return { id, title: `Paper ${id}`, summary: '', keywords: [], categories };
}

/** A catalogue whose one topic covers cs.LG: its papers are never grouped by class. */
const catalogue: Topic[] = [
  {
    slug: 'ml',
    label: 'Machine learning',
    keywords: ['learning'],
    categories: ['cs.LG'],
    userDefined: false,
  },
];

const batch = [
  paper('a1', ['astro-ph.CO']),
  paper('a2', ['astro-ph.GA', 'astro-ph.CO']),
  paper('a3', ['astro-ph.CO']),
  paper('a4', ['astro-ph.CO', 'gr-qc']),
  paper('m1', ['math.AG']),
  paper('m2', ['math.NT']),
  paper('n1', ['cs.NI']),
  paper('n2', ['cs.NI', 'cs.LG']),
  paper('n3', ['cs.NI']),
  paper('l1', ['cs.LG']),
  paper('l2', ['cs.LG']),
  paper('l3', ['cs.LG']),
  paper('x', []),
];

/**
 * The same papers in a letter longer than a short one (SHORT_LETTER): there a class section
 * takes CLASS_MIN_PAPERS; in a short letter two papers of one class or archive are enough.
 */
const letter = [
  ...batch,
  ...Array.from({ length: SHORT_LETTER + 1 - batch.length }, (_, i) => paper(`f${i}`, ['cs.DS'])),
];

describe('formClassSections', () => {
  it.each<[string, number[], number, string[], number[]]>([
    [
      'the largest group first, a class before its archive when as large',
      [0, 1, 2, 3, 6, 7, 8, 12],
      2,
      ['Astrophysics', 'Networking and internet architecture'],
      [12],
    ],
    ['a class of three inside a larger archive: the archive', [0, 1, 2, 3], 1, ['Astrophysics'], []],
    ['three of one class alone: the class', [0, 2, 3], 1, ['Cosmology and nongalactic astrophysics'], []],
    ['two are too few, even of one archive', [4, 5, 12], 2, [], [4, 5, 12]],
    ['a class a catalogue topic covers is no class section', [9, 10, 11], 2, [], [9, 10, 11]],
    ['within the room', [0, 1, 2, 3, 6, 7, 8], 1, ['Astrophysics'], [6, 7, 8]],
  ])('%s', (_name, other, room, formed, left) => {
    const drafts: Draft[] = [];
    const topics = catalogue.map((t) => ({ ...t }));
    expect(formClassSections(other, drafts, topics, letter, room)).toEqual(left);
    expect(drafts.map((d) => d.topic.label)).toEqual(formed);
    for (const d of drafts) {
      expect(d.members.length).toBeGreaterThanOrEqual(CLASS_MIN_PAPERS);
      // A proposed topic listing the classes of its papers, which alone it takes later.
      expect(d.topic.origin).toBe('discovered');
      expect(d.topic.categories).toEqual(d.classes);
      for (const p of d.members) expect(d.classes).toContain(batch[p]?.categories[0]);
    }
  });
});

describe('formClassSections of a branch of computer science', () => {
  // A theory paper of each of three classes, too few of any one class for a section.
  const theory = [paper('t1', ['cs.DS']), paper('t2', ['cs.CC', 'cs.DS']), paper('t3', ['cs.LO'])];
  // Systems papers, one of a class a catalogue topic covers (cs.DC, as "Efficient inference" does).
  const systems = [paper('s1', ['cs.AR']), paper('s2', ['cs.OS']), paper('s3', ['cs.DC'])];
  const covering: Topic[] = [
    ...catalogue,
    {
      slug: 'inference',
      label: 'Efficient inference',
      keywords: ['inference'],
      categories: ['cs.DC'],
      userDefined: false,
    },
  ];
  const fill = (n: number) => Array.from({ length: n }, (_, i) => paper(`f${i}`, ['cs.LG']));
  const form = (papers: PaperText[], keepOut?: (p: number) => boolean) => {
    const all = [...papers, ...fill(SHORT_LETTER + 1 - papers.length)];
    const drafts: Draft[] = [];
    const left = formClassSections(
      papers.map((_, i) => i),
      drafts,
      covering.map((t) => ({ ...t })),
      all,
      2,
      keepOut ? { keepOut } : {},
    );
    return { drafts, left };
  };

  it('groups papers of several classes of one branch under its heading', () => {
    const { drafts, left } = form(theory);
    expect(drafts.map((d) => d.topic.label)).toEqual(['Theory of computing']);
    expect(drafts[0]?.members).toEqual([0, 1, 2]);
    expect(left).toEqual([]);
    // The section, and the topic it proposes, list every class of the branch: a computational-
    // geometry paper placed later joins it (see joinClassSections).
    expect(drafts[0]?.classes).toEqual(branchClasses('Theory of computing'));
    expect(drafts[0]?.topic.categories).toEqual(branchClasses('Theory of computing'));
    expect(drafts[0]?.topic.origin).toBe('discovered');
  });

  it('takes a paper of a class a topic covers, unless it plainly names a topic', () => {
    expect(form(systems).drafts.map((d) => [d.topic.label, d.members])).toEqual([
      ['Computer systems', [0, 1, 2]],
    ]);
    // Without the cs.DC paper two are left: too few in a letter longer than a short one.
    const { drafts, left } = form(systems, (p) => p === 2);
    expect(drafts).toEqual([]);
    expect(left).toEqual([0, 1, 2]);
  });

  it('never beside a section of one of its classes', () => {
    const papers = [paper('i1', ['cs.IT']), paper('i2', ['cs.IT']), paper('n4', ['cs.NI'])];
    const all = [...papers, ...fill(SHORT_LETTER + 1 - papers.length)];
    const formWith = (drafts: Draft[]): string[] => {
      formClassSections(
        [0, 1, 2],
        drafts,
        covering.map((t) => ({ ...t })),
        all,
        2,
      );
      return drafts.map((d) => d.topic.label);
    };
    expect(formWith([])).toEqual(['Communications and networking']);
    const networking: Draft = {
      members: [3, 4, 5],
      topic: {
        slug: 'ni',
        label: 'Networking and internet architecture',
        keywords: [],
        categories: ['cs.NI'],
        userDefined: false,
      },
      words: labelWords('Networking and internet architecture'),
      source: -1,
      settled: true,
      classes: ['cs.NI'],
    };
    expect(formWith([networking])).toEqual(['Networking and internet architecture']);
  });

  it('a class with as many papers as its branch: the class', () => {
    const ni = [paper('n1', ['cs.NI']), paper('n2', ['cs.NI']), paper('n3', ['cs.NI'])];
    expect(form(ni).drafts.map((d) => d.topic.label)).toEqual(['Networking and internet architecture']);
  });
});

describe('formClassSections of a field', () => {
  // Physics papers in a letter of machine learning, of archives none of which has three:
  // "Physics" over them rather than "More papers", once no class or archive makes a section.
  const physics = [
    paper('p1', ['astro-ph.CO']),
    paper('p2', ['astro-ph.GA']),
    paper('p3', ['gr-qc']),
    paper('p4', ['cond-mat.str-el']),
    paper('p5', ['quant-ph']),
  ];
  const quantum = [paper('q1', ['quant-ph']), paper('q2', ['quant-ph'])];
  const fill = (n: number) => Array.from({ length: n }, (_, i) => paper(`f${i}`, ['cs.LG']));
  const form = (papers: PaperText[], fields: boolean): string[] => {
    const all = [...papers, ...fill(SHORT_LETTER + 1 - papers.length)];
    const drafts: Draft[] = [];
    formClassSections(
      papers.map((_, i) => i),
      drafts,
      catalogue.map((t) => ({ ...t })),
      all,
      2,
      { fields },
    );
    return drafts.map((d) => `${d.topic.label} (${d.members.length})`);
  };

  it.each<[string, PaperText[], boolean, string[]]>([
    ['archives of two or fewer each: the field', physics, true, ['Physics (5)']],
    ['only where asked (a letter with room)', physics, false, []],
    // Three quantum-physics papers make their archive's section first; beside it the field's
    // reads "Other physics" (labels of an edition are distinct: "Physics" and "Quantum physics"
    // would not tell a reader which is which).
    [
      'an archive of three makes its own first, the rest "Other physics"',
      [...physics, ...quantum],
      true,
      ['Quantum physics (3)', 'Other physics (4)'],
    ],
  ])('%s', (_name, papers, fields, formed) => {
    expect(form(papers, fields)).toEqual(formed);
  });
});

describe('formClassSections in a short letter', () => {
  // Issue #12: a 40-paper letter of an arXiv cs feed left its two information-theory papers in
  // "More papers" beside sections of two papers on catalogue topics.
  it.each<[string, number[], { covered?: boolean }, string[], number[]]>([
    ['two of one archive: the archive', [4, 5, 12], {}, ['Mathematics'], [12]],
    ['two of one class: the class', [6, 7, 12], {}, ['Networking and internet architecture'], [12]],
    [
      'two of a covered class no topic took: its section',
      [10, 11, 12],
      { covered: true },
      ['Machine learning'],
      [12],
    ],
    ['one is never a section', [4, 6, 12], {}, [], [4, 6, 12]],
  ])('%s', (_name, other, options, formed, left) => {
    expect(batch.length).toBeLessThanOrEqual(SHORT_LETTER);
    const drafts: Draft[] = [];
    const topics = catalogue.map((t) => ({ ...t }));
    expect(formClassSections(other, drafts, topics, batch, 2, options)).toEqual(left);
    expect(drafts.map((d) => d.topic.label)).toEqual(formed);
  });
});

describe('classHeading', () => {
  it.each([
    // arXiv's name where it reads as a subject, the name researchers use where it reads as a listing.
    ['cs.LG', 'Machine learning'],
    ['cs.NI', 'Networking and internet architecture'],
    ['cs.CL', 'Natural language processing'],
    ['cs.CV', 'Computer vision'],
    ['cs.CR', 'Computer security'],
    ['cs.GT', 'Game theory'],
    ['astro-ph.CO', 'Cosmology and nongalactic astrophysics'],
    ['cs.OH', undefined],
    ['toString', undefined],
  ])('%s: %s', (category, heading) => {
    expect(classHeading(category)).toBe(heading);
  });
});

describe('formClassSections of the classes the catalogue covers', () => {
  // l1-l3 are cs.LG, which the catalogue's one topic lists; n1-n3 cs.NI, which it does not.
  it.each<[string, number[], number, boolean[], string[], number[]]>([
    [
      'three papers of a covered class no topic took: its section',
      [9, 10, 11, 12],
      1,
      [],
      ['Machine learning'],
      [12],
    ],
    [
      "classes no topic lists are the other pass's, never the archive",
      [6, 7, 8, 9, 10],
      2,
      [],
      [],
      [6, 7, 8, 9, 10],
    ],
    [
      'a paper that plainly names a topic stays out, and two are too few',
      [9, 10, 11],
      1,
      [false, false, false, false, false, false, false, false, false, false, true],
      [],
      [9, 10, 11],
    ],
    ['no room, no section', [9, 10, 11], 0, [], [], [9, 10, 11]],
  ])('%s', (_name, other, room, named, formed, left) => {
    const drafts: Draft[] = [];
    const topics = catalogue.map((t) => ({ ...t }));
    const keepOut = (p: number): boolean => named[p] ?? false;
    expect(formClassSections(other, drafts, topics, letter, room, { covered: true, keepOut })).toEqual(left);
    expect(drafts.map((d) => d.topic.label)).toEqual(formed);
    for (const d of drafts) {
      expect(d.topic.origin).toBe('discovered');
      expect(d.classes).toEqual(['cs.LG']);
    }
  });
});

describe('sections of covered classes whose home topic has a section', () => {
  // A class whose home topic has a section in the letter forms none of its own: "Natural language
  // processing" beside "Language understanding and text analysis" gives one field two headings.
  it.each<[string, string[], string[], number[]]>([
    ['the home topic has a section: no section of its class', ['cs.LG'], [], [9, 10, 11, 12]],
    ['another class is homed: the section forms', ['cs.CL'], ['Machine learning'], [12]],
  ])('%s', (_name, homed, formed, left) => {
    const drafts: Draft[] = [];
    const topics = catalogue.map((t) => ({ ...t }));
    expect(
      formClassSections([9, 10, 11, 12], drafts, topics, batch, 1, { covered: true, homed: new Set(homed) }),
    ).toEqual(left);
    expect(drafts.map((d) => d.topic.label)).toEqual(formed);
  });
});

describe('sections of covered classes, of two as large', () => {
  it("gives the room to a subject's class before arXiv's broad bins (cs.LG, cs.AI)", () => {
    const topics: Topic[] = [
      ...catalogue.map((t) => ({ ...t })),
      {
        slug: 'robots',
        label: 'Robot learning',
        keywords: ['robot'],
        categories: ['cs.RO'],
        userDefined: false,
      },
    ];
    const papers = [
      ...batch,
      paper('r1', ['cs.RO']),
      paper('r2', ['cs.RO', 'cs.LG']),
      paper('r3', ['cs.RO']),
    ];
    const drafts: Draft[] = [];
    const other = [9, 10, 11, 13, 14, 15];
    expect(formClassSections(other, drafts, topics, papers, 1, { covered: true })).toEqual([9, 10, 11]);
    expect(drafts.map((d) => d.topic.label)).toEqual(['Robotics']);
  });
});

describe('a section of a class whose heading is the label of the catalogue topic of that class', () => {
  // r1-r3 are cs.RO papers no topic took; the letter has no section of the topic.
  const papers = [...batch, paper('r1', ['cs.RO']), paper('r2', ['cs.RO', 'cs.LG']), paper('r3', ['cs.RO'])];
  const topic = (over: Partial<Topic>): Topic => ({
    slug: 'robots',
    label: 'Robotics',
    keywords: ['robot'],
    categories: ['cs.RO'],
    userDefined: false,
    origin: 'curated',
    ...over,
  });
  it.each<[string, Partial<Topic>, boolean, string]>([
    ['a curated topic: its section, no second "Robotics" proposed', {}, true, 'robots'],
    ['an approved one: its section too', { origin: 'approved' }, true, 'robots'],
    ['a hidden one: a proposal', { hidden: true }, false, 'robotics'],
    ['one that does not list the class: a proposal', { categories: ['cs.AI'] }, false, 'robotics'],
    ['one labelled otherwise: a proposal', { label: 'Robot learning' }, true, 'robotics'],
    [
      "an operator's own topic of that name: its section",
      { userDefined: true, origin: 'config' },
      true,
      'robots',
    ],
    ['a proposal of that name: a new proposal', { origin: 'discovered' }, true, 'robotics'],
  ])('%s', (_name, over, covered, slug) => {
    const own = topic(over);
    const topics = [...catalogue.map((t) => ({ ...t })), own];
    const drafts: Draft[] = [];
    expect(formClassSections([13, 14, 15], drafts, topics, papers, 1, { covered })).toEqual([]);
    expect(drafts.map((d) => [d.topic.slug, d.topic.label])).toEqual([[slug, 'Robotics']]);
    expect(drafts[0]?.classes).toEqual(['cs.RO']);
    if (slug === own.slug) {
      expect(drafts[0]?.topic).toBe(own);
      expect(topics).toHaveLength(catalogue.length + 1);
      expect(own.categories).toEqual(['cs.RO']);
    } else expect(topics).toHaveLength(catalogue.length + 2);
  });

  it('in a real cs letter: the catalogue\'s "Robotics", which takes the robotics paper of "More papers"', () => {
    // 49 papers of the arXiv cs feed (tests/fixtures/topics/cs-letter-robotics-class.jsonl): cs.RO
    // papers no topic took make the section; 2411.18289 plainly names robotics.
    const letter49 = readArxivFixture('cs-letter-robotics-class.jsonl');
    const { groups, catalogue: after } = groupAsRun(letter49);
    const robotics = groups.find((g) => g.topic.label === 'Robotics');
    expect(robotics?.topic.slug).toBe('robotics');
    for (const id of robotics?.paperIds ?? [])
      expect(letter49.find((p) => p.id === id)?.categories[0]).toBe('cs.RO');
    expect(robotics?.paperIds).toContain('2411.18289');
    // Its papers carry other topics they name ("Autonomous driving"), never the section's own,
    // and no card of "More papers" reads "Robotics" beside it.
    expect(Object.values(robotics?.topic.paperTopics ?? {})).toEqual(['autonomous-driving']);
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug);
    expect(Object.values(other?.topic.paperTopics ?? {})).not.toContain('robotics');
    expect(after.filter((t) => t.label === 'Robotics').map((t) => t.slug)).toEqual(['robotics']);
  });
});

describe('a real cs letter: its vision papers no topic took, beside "Image generation and editing"', () => {
  // 34 papers of the arXiv cs feed (tests/fixtures/topics/cs-letter-other-vision.jsonl): seven
  // cs.CV papers no topic took make a section of their class, whose arXiv heading ("Computer
  // vision") is the label of the catalogue's area over "Image generation and editing", which has
  // a section of three.
  const letter34 = readArxivFixture('cs-letter-other-vision.jsonl');
  const areas = loadAreasFile();
  const vision = areas.find((a) => a.label === 'Computer vision');
  const family = (g: TopicGroup): string => g.topic.parent ?? g.topic.slug.split('--')[0] ?? g.topic.slug;

  it('reads its vision papers under one "Computer vision", never two headings of one subject', () => {
    // Was "Image generation and editing" of three beside "Other computer vision" of seven: a
    // section of classes headed as the rest of an area is one of its sections (mergeIntoArea,
    // 'wide'), so the letter reads "Computer vision", its cards saying the topics they name.
    const { groups, catalogue: after } = groupAsRun(letter34);
    const labels = groups.map((g) => g.topic.label);
    expect(labels).not.toContain('Other computer vision');
    expect(labels).not.toContain('Image generation and editing');
    expect(groups.filter((g) => vision?.topics.includes(family(g)))).toEqual([]);
    const all = groups.find((g) => g.topic.label === 'Computer vision');
    expect(all?.topic.slug).toBe(vision?.slug);
    const said = all?.topic.paperTopics ?? {};
    // The three image-generation papers, and the cs.CV papers no topic took.
    expect(Object.keys(said).filter((id) => said[id] === 'image-generation')).toHaveLength(3);
    expect(all?.paperIds).toEqual(expect.arrayContaining(['2405.20771', '2411.16681', '2411.17949']));
    for (const id of all?.paperIds ?? []) {
      const paper = letter34.find((p) => p.id === id);
      if (said[id] !== 'image-generation') expect(paper?.categories[0]).toBe('cs.CV');
    }
    // The area's heading is no proposal an operator is asked to approve, nor is the class's.
    expect(after.map((t) => t.label)).not.toContain('Computer vision');
    expect(after.map((t) => t.label)).not.toContain('Other computer vision');
  });

  it('keeps the name of an approved "Computer vision": its readers follow that topic', () => {
    const approved: Topic = {
      slug: 'computer-vision',
      label: 'Computer vision',
      keywords: [],
      categories: ['cs.CV'],
      userDefined: false,
      origin: 'approved',
    };
    const { groups } = groupPapers(letter34, [...loadCatalogueFile(), approved], {
      areas,
      homes: loadHomesFile(),
    });
    const own = groups.find((g) => g.topic.slug === 'computer-vision');
    expect(own?.topic.label).toBe('Computer vision');
    expect(own?.paperIds.length).toBeGreaterThanOrEqual(2);
    expect(groups.map((g) => g.topic.label)).not.toContain('Other computer vision');
  });
});

describe('a real cs letter: its theory papers under "Theory of computing"', () => {
  // 100 papers of the arXiv cs feed (tests/fixtures/topics/cs-letter-theory-branch.jsonl): seven
  // theory papers of five classes (cs.DS, cs.CC, cs.LO, cs.CG, cs.GT), at most three of one.
  const letter100 = readArxivFixture('cs-letter-theory-branch.jsonl');
  const { groups } = groupAsRun(letter100);
  const primary = (id: string): string | undefined => letter100.find((p) => p.id === id)?.categories[0];
  const theoryIds = letter100.filter((p) => branchName(p.categories[0] ?? '') === 'Theory of computing');

  it('reads them under one heading rather than among "More papers"', () => {
    expect(theoryIds).toHaveLength(7);
    const theory = groups.find((g) => g.topic.label === 'Theory of computing');
    expect(theory?.paperIds.sort()).toEqual(theoryIds.map((p) => p.id).sort());
    expect(new Set(theory?.paperIds.map(primary)).size).toBeGreaterThanOrEqual(4);
  });

  it('never puts a random-trees paper under "Medical AI" for a title word a decision-tree paper says', () => {
    const medical = groups.find((g) => g.topic.slug === 'medical-ai');
    expect(medical?.paperIds.length).toBeGreaterThanOrEqual(3);
    expect(medical?.paperIds).not.toContain('2411.18614');
    for (const id of medical?.paperIds ?? []) expect(branchName(primary(id) ?? '')).toBeUndefined();
  });

  it('proposes the branch as a topic; once approved, its section is that topic', () => {
    const proposed = groups.find((g) => g.topic.label === 'Theory of computing')?.topic;
    expect(proposed?.origin).toBe('discovered');
    expect(proposed?.categories).toEqual(branchClasses('Theory of computing'));
    // The operator approves it (under a slug of their own): the next letter files its theory
    // papers there, and no second "Theory of computing" is proposed.
    const approved: Topic = {
      slug: 'theory',
      label: 'Theory of computing',
      keywords: [],
      categories: branchClasses('Theory of computing'),
      userDefined: false,
      origin: 'approved',
    };
    const next = groupPapers(letter100, [...loadCatalogueFile(), approved], {
      areas: loadAreasFile(),
      homes: loadHomesFile(),
    });
    const section = next.groups.find((g) => g.topic.label === 'Theory of computing');
    expect(section?.topic.slug).toBe('theory');
    expect(section?.paperIds.sort()).toEqual(theoryIds.map((p) => p.id).sort());
    expect(next.catalogue.filter((t) => t.label === 'Theory of computing').map((t) => t.slug)).toEqual([
      'theory',
    ]);
  });
});

describe('the physics archive beside a section of another physics archive', () => {
  // Three physics.* papers of three classes: too few of each class, a section of their archive.
  const papers = [
    ...letter,
    paper('p1', ['physics.optics']),
    paper('p2', ['physics.flu-dyn']),
    paper('p3', ['physics.bio-ph']),
  ];
  const at = letter.length;
  const hep = (): Draft => ({
    members: [0],
    topic: {
      slug: 'high-energy-physics',
      label: 'High energy physics',
      keywords: [],
      categories: ['hep-th'],
      userDefined: false,
    },
    words: labelWords('High energy physics'),
    source: -1,
    settled: true,
    classes: ['hep-th'],
  });
  it.each<[string, Draft[], string]>([
    ['alone: "Physics"', [], 'Physics'],
    ['beside "High energy physics": "Other physics"', [hep()], 'Other physics'],
  ])('%s', (_name, drafts, label) => {
    const topics = catalogue.map((t) => ({ ...t }));
    expect(formClassSections([at, at + 1, at + 2], drafts, topics, papers, 1)).toEqual([]);
    expect(drafts.at(-1)?.topic.label).toBe(label);
    for (const a of drafts)
      for (const b of drafts) if (a !== b) expect(labelsClash(a.words, b.words)).toBe(false);
  });
});

describe('a section of classes an operator approved', () => {
  it('keeps taking the papers of its classes in later letters, under its own slug', () => {
    const approved: Topic = {
      slug: 'astrophysics',
      label: 'Astrophysics',
      keywords: [],
      categories: ['astro-ph.CO', 'astro-ph.GA'],
      userDefined: false,
      origin: 'approved',
    };
    const topics = [...catalogue.map((t) => ({ ...t })), approved];
    const drafts: Draft[] = [];
    expect(formClassSections([0, 1, 2, 3, 12], drafts, topics, batch, 1)).toEqual([12]);
    expect(drafts.map((d) => d.topic.slug)).toEqual(['astrophysics']);
    expect(drafts[0]?.topic).toBe(approved);
    expect(topics).toHaveLength(catalogue.length + 1);
  });
});

/** The 100 papers of the arXiv all-archives feed (tests/fixtures), categories as a run has them. */
const broadPapers = (): PaperText[] => readArxivFixture('broad-all-archives.jsonl');

describe('a broad feed: 100 papers of the arXiv all-archives feed, categories as a run has them', () => {
  const papers = broadPapers();
  const { groups } = groupPapers(papers, loadCatalogueFile());
  const byId = new Map(papers.map((p) => [p.id, p]));

  it('names sections by the archives its other papers come from', () => {
    const labels = groups.map((g) => g.topic.label);
    expect(labels).toEqual(expect.arrayContaining(['Mathematics', 'Condensed matter', 'Quantum physics']));
  });

  it('keeps "More papers" to about a third (69% without these sections)', () => {
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    expect(other / papers.length).toBeLessThanOrEqual(0.35);
  });

  // Issue #12: a section split to fill the letter's sections gave "3D vision" a sub-section of
  // two Gaussian-splatting papers and lost a 4D-shapes paper to "More papers" on the way.
  it('splits no section into a sub-section of fewer than three papers', () => {
    const small = groups.filter((g) => g.topic.parent !== undefined && g.paperIds.length < 3);
    expect(small.map((g) => g.topic.label)).toEqual([]);
  });

  it('puts only papers of its classes into a section of arXiv classes', () => {
    const classSections = groups.filter(
      (g) => g.topic.origin === 'discovered' && g.topic.keywords.length === 0,
    );
    expect(classSections.length).toBeGreaterThanOrEqual(3);
    for (const g of classSections)
      for (const id of g.paperIds) expect(g.topic.categories).toContain(byId.get(id)?.categories[0]);
  });
});

describe('a broad feed grouped as a run does (catalogue areas and class homes)', () => {
  const papers = broadPapers();
  const catalogue = loadCatalogueFile();
  const result = groupPapers(papers, catalogue, { areas: loadAreasFile(), homes: loadHomesFile() });
  const { groups } = result;

  // Issue #12, "More papers" at most ~15%: with the letter at its 14 sections, 32 of the 100
  // papers were left there while a "Reinforcement learning" of two and an "Efficient inference"
  // of two kept their places. A small section gives way when the catch-all then forms a larger
  // one ("Machine learning" of cs.LG papers no topic took, "Natural language processing"): 19.
  it('gives a small section\'s place to a larger one formed from "More papers"', () => {
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    expect(other).toBeLessThanOrEqual(20);
    expect(groups).toHaveLength(14);
    const labels = groups.map((g) => g.topic.label);
    expect(labels).toEqual(expect.arrayContaining(['Machine learning', 'Natural language processing']));
    expect(labels).not.toContain('Reinforcement learning');
  });

  // A reader of a broad letter looks for a convex-optimization paper (math.OC, a class catalogue
  // topics list, so left out when "Mathematics" was formed of classes no topic covers) under
  // "Mathematics", not among "More papers"; the section lists its class from then on.
  it("puts the papers of an archive no topic took into that archive's section", () => {
    const byId = new Map(papers.map((p) => [p.id, p]));
    const math = groups.find((g) => g.topic.label === 'Mathematics');
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds ?? [];
    const optimization = papers.filter((p) => p.categories[0] === 'math.OC').map((p) => p.id);
    expect(optimization.length).toBeGreaterThan(0);
    expect(math?.paperIds).toEqual(expect.arrayContaining(optimization));
    expect(math?.topic.categories).toContain('math.OC');
    expect(other.filter((id) => byId.get(id)?.categories[0]?.startsWith('math.'))).toEqual([]);
  });

  it('keeps every paper once, and proposes only topics that have a section', () => {
    const ids = groups.flatMap((g) => g.paperIds);
    expect(new Set(ids).size).toBe(papers.length);
    expect(ids).toHaveLength(papers.length);
    const sections = new Set(groups.map((g) => g.topic.slug));
    const proposed = result.catalogue.filter((t) => !catalogue.some((c) => c.slug === t.slug));
    for (const t of proposed) expect(sections).toContain(t.slug);
  });
});

describe('short letters of an arXiv cs feed (categories as a run has them)', () => {
  const catalogue = loadCatalogueFile();
  const judged = [...loadPlacementArxivCs(), ...loadPlacementArxivCs(true)];
  // Before the sections of covered classes: 21, 29 and 23 of the 40 papers in "More papers", 5-7
  // sections; the issue asks 6-10 sections for 40 papers and a small catch-all. The last set is
  // the most varied (networking, theory, hardware: 8 of its 17 left over fit no topic); 16 -> 14
  // since a 40-paper letter is a short one, its two information-theory papers a section.
  it.each([
    [0, 40, 0.25],
    [40, 80, 0.35],
    [100, 140, 0.36],
  ])('papers %i-%i: six sections or more, "More papers" at most %s', (from, to, share) => {
    const papers = judged.slice(from, to);
    const { groups } = groupPapers(papers, catalogue);
    const sections = groups.filter((g) => g.topic.slug !== OTHER_TOPIC.slug);
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds.length ?? 0;
    expect(sections.length).toBeGreaterThanOrEqual(6);
    expect(sections.length).toBeLessThanOrEqual(10);
    expect(other / papers.length).toBeLessThanOrEqual(share);
    const byId = new Map(papers.map((p) => [p.id, p]));
    // Sections of arXiv classes hold only papers of their classes, under a heading of one, or of
    // the branch of computer science they all belong to ("Theory of computing").
    const classSections = sections.filter(
      (g) => g.topic.origin === 'discovered' && g.topic.keywords.length === 0,
    );
    expect(classSections.length).toBeGreaterThanOrEqual(1);
    for (const g of classSections) {
      const headings = g.topic.categories.flatMap((c) => [classHeading(c), branchName(c)]);
      expect(headings).toContain(g.topic.label);
      for (const id of g.paperIds) expect(g.topic.categories).toContain(byId.get(id)?.categories[0]);
    }
  });
});

describe('a 100-paper letter of an arXiv cs feed at its section bound (as a run groups it)', () => {
  const papers = loadPlacementArxivCs().map(({ accept: _, ...p }) => p);
  const { groups } = groupPapers(papers, loadCatalogueFile(), {
    areas: loadAreasFile(),
    homes: loadHomesFile(),
  });
  const labels = groups.map((g) => g.topic.label);
  const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds ?? [];

  // With room for one more section, the three networking papers (a class no topic lists) took it
  // before the eight language papers no topic took (cs.CL, a class topics list) were looked at:
  // 34 of the 100 papers stayed in "More papers". The larger section first, whichever kind.
  it('forms the larger section of arXiv classes first, whichever kind', () => {
    expect(labels).toEqual(expect.arrayContaining(['Natural language processing', 'Machine learning']));
    expect(labels).not.toContain('Networking and internet architecture');
    expect(other.length).toBeLessThanOrEqual(25);
    expect(groups.length).toBeLessThanOrEqual(14);
  });

  // The third swap traded "LLM agents" (four papers, three of them agent papers by title) for a
  // "Computer vision" of four left-over vision papers: two fewer in "More papers", one heading
  // less specific for four papers that had a good one. A section gives way to a larger one only:
  // no section formed from "More papers" is smaller than a catalogue topic's section kept.
  it('keeps a section that would give way to one no larger', () => {
    const kept = groups.filter((g) => g.topic.origin === 'curated' && g.topic.slug !== OTHER_TOPIC.slug);
    const formed = groups.filter((g) => g.topic.origin === 'discovered');
    expect(kept.length).toBeGreaterThanOrEqual(8);
    expect(formed.length).toBeGreaterThanOrEqual(1);
    const smallestKept = Math.min(...kept.map((g) => g.paperIds.length));
    for (const g of formed) expect(g.paperIds.length, g.topic.label).toBeGreaterThanOrEqual(smallestKept);
    // The papers the judge puts under "LLM agents" reach its readers: in a section the judge
    // accepts, or naming a topic it accepts on their card.
    const agents = loadPlacementArxivCs().filter((p) => p.accept.includes('llm-agents'));
    expect(agents.length).toBeGreaterThanOrEqual(3);
    for (const p of agents) {
      const g = groups.find((x) => x.paperIds.includes(p.id));
      const named = [g?.topic.slug, g?.topic.paperTopics?.[p.id]].filter((x) => x !== undefined);
      expect(
        named.some((slug) => p.accept.includes(slug as string)),
        `${p.title} in ${g?.topic.label}`,
      ).toBe(true);
    }
  });
});

describe('the catch-all of a class the catalogue covers', () => {
  const options = { areas: loadAreasFile(), homes: loadHomesFile() };
  const flagged = (groups: { topic: Topic }[]) =>
    Object.fromEntries(groups.map((g) => [g.topic.label, g.topic.classCatchAll === true]));

  it('marks the section of cs.LG papers no topic took in a cs.LG listing, not its topics', () => {
    // The hand-judged arXiv cs papers whose primary class is cs.LG: a letter of a cs.LG feed.
    const listing = [...loadPlacementArxivCs(), ...loadPlacementArxivCs(true)]
      .filter((p) => p.categories[0] === 'cs.LG')
      .map(({ accept: _, ...p }) => p);
    const marks = flagged(groupPapers(listing, loadCatalogueFile(), options).groups);
    expect(marks['Machine learning']).toBe(true);
    expect(marks['Graph learning']).toBe(false);
    // Its two papers that name topics with no section (federated learning, multimodal LLMs) read
    // under "Machine learning" too, their cards naming those topics: no "More papers" is left.
    expect(marks[OTHER_TOPIC.label]).not.toBe(true);
  });

  it('reads a paper that names a topic with no section under its class, its card naming the topic', () => {
    // Issue #12, "More papers" at most ~15%: a cs.LG federated-learning paper (no section of
    // federated learning that day) sat in "More papers" beside "Machine learning" of cs.LG papers.
    const listing = [...loadPlacementArxivCs(), ...loadPlacementArxivCs(true)]
      .filter((p) => p.categories[0] === 'cs.LG')
      .map(({ accept: _, ...p }) => p);
    const { groups } = groupPapers(listing, loadCatalogueFile(), options);
    const ml = groups.find((g) => g.topic.label === 'Machine learning');
    const federated = listing.find((p) => p.title.includes('Federated'))?.id as string;
    expect(groups.some((g) => g.topic.slug === 'federated-learning')).toBe(false);
    expect(ml?.paperIds).toContain(federated);
    expect(ml?.topic.paperTopics?.[federated]).toBe('federated-learning');
    expect(groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)).toBeUndefined();
  });

  it('leaves the sections of fields no topic covers unmarked in an all-archives listing', () => {
    const papers = broadPapers();
    const marks = flagged(groupPapers(papers, loadCatalogueFile(), options).groups);
    expect(marks.Mathematics).toBe(false);
    expect(marks.Astrophysics).toBe(false);
    expect(marks['Machine learning']).toBe(true);
    expect(marks['Natural language processing']).toBe(true);
  });
});

describe('a broad feed of 2008, physics and mathematics leading (as a run groups it)', () => {
  // Issue #12, "More papers" at most ~15%: optics, classical, popular physics, nonlinear and
  // nuclear-theory papers (none with three of its archive, and "Physics" of physics.* beside
  // "Quantum physics" a second heading on one word) sat in "More papers", 19 of 100.
  const papers = readArxivFixture('broad-arxivraw-2008.jsonl');
  const { groups } = groupAsRun(papers);
  const byId = new Map(papers.map((p) => [p.id, p]));

  it('reads the physics papers of rare archives under "Other physics", beside their archives\' sections', () => {
    const labels = groups.map((g) => g.topic.label);
    expect(labels).toEqual(expect.arrayContaining(['Quantum physics', 'Other physics']));
    const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug)?.paperIds ?? [];
    const left = other.filter((id) => fieldName(archiveOf(byId.get(id)?.categories[0] ?? '')) === 'Physics');
    expect(left).toEqual([]);
    expect(other.length).toBeLessThanOrEqual(15);
  });

  it('keeps its labels distinct', () => {
    const words = groups.map((g) => g.topic.label.toLowerCase().split(' '));
    for (let a = 0; a < words.length; a += 1)
      for (let b = a + 1; b < words.length; b += 1)
        expect(
          `${words[a]?.join(' ')} / ${words[b]?.join(' ')}: ${labelsClash(words[a] ?? [], words[b] ?? [])}`,
        ).toBe(`${words[a]?.join(' ')} / ${words[b]?.join(' ')}: false`);
  });
});

describe('a cs letter whose "Machine learning methods" stands where "Machine learning" would', () => {
  // Issue #12, "More papers" at most ~15%: 105 papers of the arXiv cs feed
  // (tests/fixtures/topics/cs-letter-ml-area.jsonl). The broad area's section of graph and
  // time-series papers reads "Machine learning methods", so no section of cs.LG ("Machine
  // learning") can form beside it, and eleven cs.LG papers on no catalogued subject sat in "More
  // papers" (26 of 105).
  const papers = readArxivFixture('cs-letter-ml-area.jsonl');
  const { groups } = groupAsRun(papers);
  const byId = new Map(papers.map((p) => [p.id, p]));
  const other = groups.find((g) => g.topic.slug === OTHER_TOPIC.slug);
  const area = groups.find((g) => g.topic.slug === 'area-ml');

  it('reads its cs.LG papers that name no topic under that heading', () => {
    expect(area?.topic.label).toBe('Machine learning methods');
    const untagged = (area?.paperIds ?? []).filter((id) => !area?.topic.paperTopics?.[id]);
    expect(untagged.length).toBeGreaterThanOrEqual(6);
    for (const id of untagged) expect(byId.get(id)?.categories[0]).toBe('cs.LG');
    // Those left in "More papers" name a topic their readers get.
    for (const id of other?.paperIds ?? [])
      if (byId.get(id)?.categories[0] === 'cs.LG') expect(other?.topic.paperTopics?.[id]).toBeTruthy();
    // 19 of 105: "Detecting Dark Patterns in Mobile Apps" no longer reads under "Code generation"
    // for one phrase of its abstract (placeLeftovers: a key phrase of its title, or several).
    expect(other?.paperIds.length ?? 0).toBeLessThanOrEqual(0.19 * papers.length);
  });

  it('keeps every paper once', () => {
    const ids = groups.flatMap((g) => g.paperIds);
    expect(ids.length).toBe(papers.length);
    expect(new Set(ids).size).toBe(papers.length);
  });
});

/** Every paper in one section, and no section but "More papers" over a third of the letter. */
function expectReadable(groups: readonly TopicGroup[], papers: readonly PaperText[]): void {
  for (const g of groups)
    if (g.topic.slug !== OTHER_TOPIC.slug)
      expect(`${g.topic.label}: ${g.paperIds.length <= papers.length / 3}`).toBe(`${g.topic.label}: true`);
  const ids = groups.flatMap((g) => g.paperIds);
  expect(new Set(ids).size).toBe(papers.length);
  expect(ids.length).toBe(papers.length);
}

describe('a letter of one field outside machine learning (its archive in its classes)', () => {
  // Issue #12, sections sized for reading: a mathematician's letter (60 math papers of the arXiv
  // all-archives feed, tests/fixtures/topics/one-field-math.jsonl) read "Mathematics" of 60 papers,
  // the whole letter, and an astronomer's "Astrophysics" of 39 of 60, no catalogue topic being of
  // their field. Their arXiv classes make the sections, as arXiv lists them.
  const cases = [
    [
      'one-field-math.jsonl',
      'Other mathematics',
      ['Combinatorics', 'Numerical analysis', 'Analysis of PDEs'],
    ],
    [
      'one-field-astro.jsonl',
      'Other astrophysics',
      ['Solar and stellar astrophysics', 'High energy astrophysical phenomena', 'Astrophysics of galaxies'],
    ],
  ] as const;

  it.each(cases)('%s: no section but the catch-all holds more than a quarter of the letter', (file) => {
    const papers = readArxivFixture(file);
    const { groups } = groupAsRun(papers);
    for (const g of groups)
      if (g.topic.slug !== OTHER_TOPIC.slug)
        expect(`${g.topic.label}: ${g.paperIds.length <= 0.25 * papers.length}`).toBe(
          `${g.topic.label}: true`,
        );
    const ids = groups.flatMap((g) => g.paperIds);
    expect(ids.length).toBe(papers.length);
    expect(new Set(ids).size).toBe(papers.length);
  });

  it.each(cases)(
    '%s: sections of its classes by arXiv name, each of that class alone',
    (file, rest, expected) => {
      const papers = readArxivFixture(file);
      const byId = new Map(papers.map((p) => [p.id, p]));
      const { groups } = groupAsRun(papers);
      const labels = groups.map((g) => g.topic.label);
      expect(labels).toEqual(expect.arrayContaining([...expected]));
      for (const g of groups) {
        if (
          g.topic.categories.length !== 1 ||
          g.topic.label !== classHeading(g.topic.categories[0] as string)
        )
          continue;
        for (const id of g.paperIds) expect(byId.get(id)?.categories[0]).toBe(g.topic.categories[0]);
        expect(g.paperIds.length).toBeGreaterThanOrEqual(CLASS_MIN_PAPERS);
      }
      // The papers of its smaller classes read under "Other ...", after the sections it is the rest
      // of, and only papers of classes with no section of their own.
      const other = groups.find((g) => g.topic.label === rest);
      expect(other).toBeDefined();
      const ofSections = new Set(groups.filter((g) => g !== other).flatMap((g) => g.topic.categories));
      for (const id of other?.paperIds ?? [])
        expect(ofSections.has(byId.get(id)?.categories[0] ?? '')).toBe(false);
      const named = groups.filter((g) => g.topic.slug !== OTHER_TOPIC.slug);
      expect(named[named.length - 1]).toBe(other);
    },
  );

  it('keeps an approved archive topic whole for its readers: its classes are its sub-sections', () => {
    // An operator who approved "Mathematics" (proposed by an earlier letter): its subscribers get
    // every math paper still, under its heading and the sub-sections of its classes.
    const papers = readArxivFixture('one-field-math.jsonl');
    const classes = [...new Set(papers.map((p) => p.categories[0] as string))].sort();
    const approved: Topic = {
      slug: 'mathematics',
      label: 'Mathematics',
      keywords: [],
      categories: classes,
      userDefined: false,
      origin: 'approved',
    };
    const { groups } = groupPapers(papers, [...loadCatalogueFile(), approved], {
      areas: loadAreasFile(),
      homes: loadHomesFile(),
    });
    const ofMathematics = groups.filter(
      (g) => g.topic.slug === 'mathematics' || g.topic.parent === 'mathematics',
    );
    expect(ofMathematics.map((g) => g.topic.label)).toEqual(
      expect.arrayContaining(['Mathematics', 'Combinatorics', 'Numerical analysis']),
    );
    expect(ofMathematics.flatMap((g) => g.paperIds).length).toBe(papers.length);
    expect(Math.max(...ofMathematics.map((g) => g.paperIds.length))).toBeLessThanOrEqual(
      0.25 * papers.length,
    );
  });

  it('splits a field\'s section ("Other physics") into the classes of its archive', () => {
    // A physicist's letter (90 papers of the physics archive, cross-lists in: one-field-physics.jsonl)
    // read "Other physics" of 51: its papers of other archives (quant-ph, math-ph) kept it from
    // reading as the physics archive's section. Its physics.* papers split into their classes; the
    // rest stays "Other physics", after them.
    const papers = readArxivFixture('one-field-physics.jsonl');
    const byId = new Map(papers.map((p) => [p.id, p]));
    const { groups } = groupAsRun(papers);
    const labels = groups.map((g) => g.topic.label);
    expect(labels).toEqual(expect.arrayContaining(['Optics', 'Applied physics', 'Fluid dynamics']));
    for (const label of ['Optics', 'Applied physics', 'Fluid dynamics']) {
      const g = groups.find((x) => x.topic.label === label);
      const cls = g?.topic.categories[0] as string;
      expect(cls.startsWith('physics.')).toBe(true);
      for (const id of g?.paperIds ?? []) expect(byId.get(id)?.categories[0]).toBe(cls);
    }
    const other = groups.find((g) => g.topic.label === 'Other physics');
    expect(other).toBeDefined();
    expect(labels.indexOf('Other physics')).toBe(labels.length - 2);
    expect(labels.at(-1)).toBe(OTHER_TOPIC.label);
    expectReadable(groups, papers);
  });

  it('splits the section of an archive of one class (quant-ph) by the subjects its papers name', () => {
    // A quantum physicist's letter (the 87 papers of the all-archives feed listed in quant-ph:
    // one-field-quantum.jsonl) read "Quantum physics" of 42: quant-ph has no classes to split
    // into. A subject said by four of its papers or more, two in their titles, makes a section
    // of the papers that say it; the rest reads "Other quantum physics", after the sections.
    const papers = readArxivFixture('one-field-quantum.jsonl');
    const { groups } = groupAsRun(papers);
    const labels = groups.map((g) => g.topic.label);
    expect(labels).not.toContain('Quantum physics');
    expect(labels.at(-2)).toBe('Other quantum physics');
    const computing = groups.find((g) => g.topic.label === 'Quantum computing');
    expect(computing?.paperIds.length).toBeGreaterThanOrEqual(SUBJECT_MIN_PAPERS);
    const byId = new Map(papers.map((p) => [p.id, p]));
    for (const id of computing?.paperIds ?? []) {
      const p = byId.get(id) as PaperText;
      expect(`${p.title}: ${/quantum comput/i.test(`${p.title} ${p.summary}`)}`).toBe(`${p.title}: true`);
    }
    expectReadable(groups, papers);
  });

  it("leaves a broad letter's archive sections whole", () => {
    // The all-archives letter of 100 papers: "Mathematics" of 18 is no letter of one field.
    const { groups } = groupAsRun(broadPapers());
    expect(groups.map((g) => g.topic.label)).toEqual(expect.arrayContaining(['Mathematics', 'Astrophysics']));
    expect(groups.some((g) => g.topic.label.startsWith('Other mathematics'))).toBe(false);
  });
});
