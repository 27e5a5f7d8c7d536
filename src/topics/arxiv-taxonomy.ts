/**
 * arXiv's subject classes and archives by name (https://arxiv.org/category_taxonomy), as section
 * headings: a letter of a broad feed reads "Astrophysics" or "Hardware architecture" where its
 * papers have no catalogue topic. Classes whose name is no subject ("Other computer science",
 * "General mathematics") are left out: their papers may still share their archive's section.
 */
const CLASSES: Readonly<Record<string, string>> = {
  'cs.AI': 'Artificial intelligence',
  'cs.AR': 'Hardware architecture',
  'cs.CC': 'Computational complexity',
  'cs.CE': 'Computational engineering, finance and science',
  'cs.CG': 'Computational geometry',
  'cs.CL': 'Computation and language',
  'cs.CR': 'Cryptography and security',
  'cs.CV': 'Computer vision and pattern recognition',
  'cs.CY': 'Computers and society',
  'cs.DB': 'Databases',
  'cs.DC': 'Distributed, parallel and cluster computing',
  'cs.DL': 'Digital libraries',
  'cs.DM': 'Discrete mathematics',
  'cs.DS': 'Data structures and algorithms',
  'cs.ET': 'Emerging technologies',
  'cs.FL': 'Formal languages and automata theory',
  'cs.GR': 'Graphics',
  'cs.GT': 'Computer science and game theory',
  'cs.HC': 'Human-computer interaction',
  'cs.IR': 'Information retrieval',
  'cs.IT': 'Information theory',
  'cs.LG': 'Machine learning',
  'cs.LO': 'Logic in computer science',
  'cs.MA': 'Multiagent systems',
  'cs.MM': 'Multimedia',
  'cs.MS': 'Mathematical software',
  'cs.NA': 'Numerical analysis',
  'cs.NE': 'Neural and evolutionary computing',
  'cs.NI': 'Networking and internet architecture',
  'cs.OS': 'Operating systems',
  'cs.PF': 'Performance',
  'cs.PL': 'Programming languages',
  'cs.RO': 'Robotics',
  'cs.SC': 'Symbolic computation',
  'cs.SD': 'Sound',
  'cs.SE': 'Software engineering',
  'cs.SI': 'Social and information networks',
  'cs.SY': 'Systems and control',
  'econ.EM': 'Econometrics',
  'econ.TH': 'Theoretical economics',
  'eess.AS': 'Audio and speech processing',
  'eess.IV': 'Image and video processing',
  'eess.SP': 'Signal processing',
  'eess.SY': 'Systems and control',
  'math.AC': 'Commutative algebra',
  'math.AG': 'Algebraic geometry',
  'math.AP': 'Analysis of PDEs',
  'math.AT': 'Algebraic topology',
  'math.CA': 'Classical analysis and ODEs',
  'math.CO': 'Combinatorics',
  'math.CT': 'Category theory',
  'math.CV': 'Complex variables',
  'math.DG': 'Differential geometry',
  'math.DS': 'Dynamical systems',
  'math.FA': 'Functional analysis',
  'math.GN': 'General topology',
  'math.GR': 'Group theory',
  'math.GT': 'Geometric topology',
  'math.IT': 'Information theory',
  'math.KT': 'K-theory and homology',
  'math.LO': 'Mathematical logic',
  'math.MG': 'Metric geometry',
  'math.MP': 'Mathematical physics',
  'math.NA': 'Numerical analysis',
  'math.NT': 'Number theory',
  'math.OA': 'Operator algebras',
  'math.OC': 'Optimization and control',
  'math.PR': 'Probability',
  'math.QA': 'Quantum algebra',
  'math.RA': 'Rings and algebras',
  'math.RT': 'Representation theory',
  'math.SG': 'Symplectic geometry',
  'math.SP': 'Spectral theory',
  'math.ST': 'Statistics theory',
  'astro-ph.CO': 'Cosmology and nongalactic astrophysics',
  'astro-ph.EP': 'Earth and planetary astrophysics',
  'astro-ph.GA': 'Astrophysics of galaxies',
  'astro-ph.HE': 'High energy astrophysical phenomena',
  'astro-ph.IM': 'Instrumentation and methods for astrophysics',
  'astro-ph.SR': 'Solar and stellar astrophysics',
  'cond-mat.dis-nn': 'Disordered systems and neural networks',
  'cond-mat.mes-hall': 'Mesoscale and nanoscale physics',
  'cond-mat.mtrl-sci': 'Materials science',
  'cond-mat.quant-gas': 'Quantum gases',
  'cond-mat.soft': 'Soft condensed matter',
  'cond-mat.stat-mech': 'Statistical mechanics',
  'cond-mat.str-el': 'Strongly correlated electrons',
  'cond-mat.supr-con': 'Superconductivity',
  'gr-qc': 'General relativity and quantum cosmology',
  'hep-ex': 'High energy physics - experiment',
  'hep-lat': 'High energy physics - lattice',
  'hep-ph': 'High energy physics - phenomenology',
  'hep-th': 'High energy physics - theory',
  'math-ph': 'Mathematical physics',
  'nlin.AO': 'Adaptation and self-organizing systems',
  'nlin.CD': 'Chaotic dynamics',
  'nlin.CG': 'Cellular automata and lattice gases',
  'nlin.PS': 'Pattern formation and solitons',
  'nlin.SI': 'Exactly solvable and integrable systems',
  'nucl-ex': 'Nuclear experiment',
  'nucl-th': 'Nuclear theory',
  'physics.acc-ph': 'Accelerator physics',
  'physics.ao-ph': 'Atmospheric and oceanic physics',
  'physics.app-ph': 'Applied physics',
  'physics.atm-clus': 'Atomic and molecular clusters',
  'physics.atom-ph': 'Atomic physics',
  'physics.bio-ph': 'Biological physics',
  'physics.chem-ph': 'Chemical physics',
  'physics.class-ph': 'Classical physics',
  'physics.comp-ph': 'Computational physics',
  'physics.data-an': 'Data analysis, statistics and probability',
  'physics.flu-dyn': 'Fluid dynamics',
  'physics.geo-ph': 'Geophysics',
  'physics.hist-ph': 'History and philosophy of physics',
  'physics.ins-det': 'Instrumentation and detectors',
  'physics.med-ph': 'Medical physics',
  'physics.optics': 'Optics',
  'physics.plasm-ph': 'Plasma physics',
  'physics.soc-ph': 'Physics and society',
  'physics.space-ph': 'Space physics',
  'quant-ph': 'Quantum physics',
  'q-bio.BM': 'Biomolecules',
  'q-bio.CB': 'Cell behavior',
  'q-bio.GN': 'Genomics',
  'q-bio.MN': 'Molecular networks',
  'q-bio.NC': 'Neurons and cognition',
  'q-bio.PE': 'Populations and evolution',
  'q-bio.QM': 'Quantitative methods',
  'q-bio.SC': 'Subcellular processes',
  'q-bio.TO': 'Tissues and organs',
  'q-fin.CP': 'Computational finance',
  'q-fin.EC': 'Financial economics',
  'q-fin.MF': 'Mathematical finance',
  'q-fin.PM': 'Portfolio management',
  'q-fin.PR': 'Pricing of securities',
  'q-fin.RM': 'Risk management',
  'q-fin.ST': 'Statistical finance',
  'q-fin.TR': 'Trading and market microstructure',
  'stat.AP': 'Applied statistics',
  'stat.CO': 'Statistical computation',
  'stat.ME': 'Statistical methodology',
  'stat.ML': 'Machine learning',
  'stat.TH': 'Statistics theory',
};

const ARCHIVES: Readonly<Record<string, string>> = {
  'astro-ph': 'Astrophysics',
  'cond-mat': 'Condensed matter',
  econ: 'Economics',
  eess: 'Electrical engineering and systems science',
  'gr-qc': 'General relativity and quantum cosmology',
  hep: 'High energy physics',
  math: 'Mathematics',
  'math-ph': 'Mathematical physics',
  nlin: 'Nonlinear sciences',
  nucl: 'Nuclear physics',
  physics: 'Physics',
  'q-bio': 'Quantitative biology',
  'q-fin': 'Quantitative finance',
  'quant-ph': 'Quantum physics',
  stat: 'Statistics',
};

/** The name of an arXiv subject class ("cs.AR" -> "Hardware architecture"), or undefined. */
export function className(category: string): string | undefined {
  return Object.hasOwn(CLASSES, category) ? CLASSES[category] : undefined;
}

/**
 * Section headings for the computer-science classes whose arXiv name reads as a listing rather
 * than a subject in a letter ("Computation and language", "Computer vision and pattern
 * recognition"): the name their researchers use.
 */
const HEADINGS: Readonly<Record<string, string>> = {
  'cs.CE': 'Computational science and engineering',
  'cs.CL': 'Natural language processing',
  'cs.CR': 'Computer security',
  'cs.CV': 'Computer vision',
  'cs.CY': 'Computing in society',
  'cs.DC': 'Distributed and parallel computing',
  'cs.GT': 'Game theory',
  'cs.SD': 'Sound and music computing',
};

/** The section heading of an arXiv subject class: {@link className}, or the usual name of a few. */
export function classHeading(category: string): string | undefined {
  return Object.hasOwn(HEADINGS, category) ? HEADINGS[category] : className(category);
}

/**
 * Branches of computer science that group several arXiv classes under the heading an editor
 * gives them: a cs letter's theory papers (an algorithms paper, a complexity one, a geometry one)
 * read under "Theory of computing" where no class of them has enough papers for a section, not
 * among "More papers". Classes of machine learning's own subjects belong to none.
 */
const BRANCHES: Readonly<Record<string, string>> = {
  'cs.CC': 'Theory of computing',
  'cs.CG': 'Theory of computing',
  'cs.DM': 'Theory of computing',
  'cs.DS': 'Theory of computing',
  'cs.FL': 'Theory of computing',
  'cs.GT': 'Theory of computing',
  'cs.LO': 'Theory of computing',
  'cs.AR': 'Computer systems',
  'cs.DC': 'Computer systems',
  'cs.ET': 'Computer systems',
  'cs.OS': 'Computer systems',
  'cs.PF': 'Computer systems',
  'cs.IT': 'Communications and networking',
  'cs.NI': 'Communications and networking',
};

/** The branch of computer science a class belongs to ("cs.DS" -> "Theory of computing"), or undefined. */
export function branchName(category: string): string | undefined {
  return Object.hasOwn(BRANCHES, category) ? BRANCHES[category] : undefined;
}

/** The classes of a branch (see {@link branchName}), sorted. */
export function branchClasses(branch: string): string[] {
  return Object.keys(BRANCHES)
    .filter((c) => BRANCHES[c] === branch)
    .sort();
}

/** The archive a class belongs to, the four hep-* and two nucl-* archives each taken as one. */
export function archiveOf(category: string): string {
  const archive = category.split('.')[0] ?? category;
  if (archive.startsWith('hep-')) return 'hep';
  if (archive.startsWith('nucl-')) return 'nucl';
  return archive;
}

/**
 * The heading of an archive ("astro-ph" -> "Astrophysics"); undefined for computer science,
 * whose classes are the subjects a letter of machine-learning papers is made of.
 */
export function archiveName(archive: string): string | undefined {
  return Object.hasOwn(ARCHIVES, archive) ? ARCHIVES[archive] : undefined;
}

/** The archives of physics: their papers read under "Physics" when none has enough of its own. */
const PHYSICS_ARCHIVES = new Set([
  'astro-ph',
  'cond-mat',
  'gr-qc',
  'hep',
  'math-ph',
  'nlin',
  'nucl',
  'physics',
  'quant-ph',
]);

/** The heading of the field an archive belongs to ("gr-qc" -> "Physics"), or undefined. */
export function fieldName(archive: string): string | undefined {
  return PHYSICS_ARCHIVES.has(archive) ? 'Physics' : undefined;
}
