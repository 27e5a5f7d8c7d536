import { describe, expect, it } from 'vitest';
import type { AppliedTopics, Topic } from '../../../src/domain/index.js';
import { JOIN_EVIDENCE, learnApplied, learnShadows, topicEvidence } from '../../../src/topics/evidence.js';
import type { PaperText } from '../../../src/topics/index.js';
import { groupPapers, NO_APPLIED, parseApplied } from '../../../src/topics/index.js';
import { ofComputingOrLearns } from '../../helpers/applied.js';
import {
  loadAppliedFile,
  loadAreasFile,
  loadCatalogueFile,
  loadHomesFile,
  readArxivFixture,
} from '../../helpers/placement.js';
import { loadHfLabeled } from './hf-fixture.js';

/**
 * Issue #12, a paper joins a topic only on real evidence: "AI for science" and "Medical AI" are
 * machine learning applied to a field, and their phrases name the field ("molecules", "cancer").
 * A physicist's letter (tests/fixtures/topics/one-field-physics.jsonl) put quantum chemistry,
 * ice imaging and E. coli chemotaxis under "AI for science", and a biosensor and perovskite
 * scintillators under "Medical AI": a paper of a field outside computing joins them only when it
 * says it learns.
 */

/** A catalogue file of two topics (one with a part) and the given "applied". */
const file = (applied: unknown): string =>
  JSON.stringify({
    topics: [
      { slug: 'science', label: 'AI for science', phrases: ['molecules'], categories: [] },
      { slug: 'science--md', label: 'Molecular dynamics', phrases: ['molecular dynamics'], categories: [] },
      { slug: 'agents', label: 'LLM agents', phrases: ['llm agents'], categories: [] },
    ],
    ...(applied === undefined ? {} : { applied }),
  });

describe('parseApplied', () => {
  it('reads the applied topics of a catalogue file, and none from a file without', () => {
    expect(parseApplied(file(undefined), 'c.json')).toEqual(NO_APPLIED);
    expect(
      parseApplied(
        file({ topics: { science: ['cs', 'stat.ML'] }, phrases: ['Learning', ' neural network '] }),
        'c.json',
      ),
    ).toEqual({ topics: { science: ['cs', 'stat.ML'] }, phrases: ['learning', 'neural network'] });
  });

  it('reads the phrases a topic asks for instead ("own"), lowercase and trimmed', () => {
    expect(
      parseApplied(
        file({
          topics: { science: ['cs'], agents: ['cs.CL'] },
          phrases: ['learning'],
          own: { agents: [' LLM ', 'language model'] },
        }),
        'c.json',
      ),
    ).toEqual({
      topics: { science: ['cs'], agents: ['cs.CL'] },
      phrases: ['learning'],
      own: { agents: ['llm', 'language model'] },
    });
  });

  it.each([
    [
      { topics: { science: ['cs'] }, phrases: ['learning'], own: ['llm'] },
      'c.json: "applied": "own" must be an object of topic slug -> phrases',
    ],
    [
      { topics: { science: ['cs'] }, phrases: ['learning'], own: { agents: ['llm'] } },
      '"applied": "own": "agents" is not one of its "topics" (list where it is at home there)',
    ],
    [
      { topics: { science: ['cs'] }, phrases: ['learning'], own: { science: [] } },
      '"applied": "own": "science" must be a non-empty array of strings',
    ],
  ])('rejects the "own" of %j with one line naming the file and the field', (applied, message) => {
    expect(() => parseApplied(file(applied), 'c.json')).toThrow(message);
  });

  it.each([
    [['science'], 'c.json: "applied" must be an object {"topics", "phrases"}'],
    [
      { topics: ['science'], phrases: ['learning'] },
      '"topics" must be an object of topic slug -> arXiv archives and classes',
    ],
    [{ topics: {}, phrases: ['learning'] }, '"topics" must be an object of topic slug'],
    [{ topics: { science: ['cs'] }, phrases: [''] }, '"phrases" must be a non-empty array of strings'],
    [
      { topics: { physics: ['cs'] }, phrases: ['learning'] },
      'c.json: "applied": "physics" is not a topic of the catalogue',
    ],
    [
      { topics: { 'science--md': ['cs'] }, phrases: ['learning'] },
      '"science--md" is not a topic of the catalogue (parts go with their parent)',
    ],
    [
      { topics: { science: [] }, phrases: ['learning'] },
      '"applied": "science" must list arXiv archives or classes',
    ],
    [
      { topics: { science: ['Computer Science'] }, phrases: ['learning'] },
      '"Computer Science" is not an arXiv archive or class',
    ],
  ])('rejects %j with one line naming the file and the field', (applied, message) => {
    expect(() => parseApplied(file(applied), 'c.json')).toThrow(message);
  });

  it('ships applied topics of the catalogue: its topics of a field, offered', () => {
    const applied = loadAppliedFile();
    const catalogue = loadCatalogueFile();
    expect(Object.keys(applied.topics)).toEqual(
      expect.arrayContaining(['ai-for-science', 'medical-ai', 'efficient-inference']),
    );
    for (const slug of Object.keys(applied.topics))
      expect(catalogue.find((t) => t.slug === slug)?.hidden).toBeUndefined();
  });
});

/** The physicist's letter grouped as a run groups it, with or without the applied topics. */
function physicsLetter(applied = loadAppliedFile()) {
  const papers = readArxivFixture('one-field-physics.jsonl');
  const byId = new Map(papers.map((p) => [p.id, p]));
  const { groups } = groupPapers(papers, loadCatalogueFile(), {
    areas: loadAreasFile(),
    homes: loadHomesFile(),
    applied,
  });
  const section = (slug: string): PaperText[] =>
    (groups.find((g) => g.topic.slug === slug)?.paperIds ?? []).map((id) => byId.get(id) as PaperText);
  return { papers, groups, section };
}

describe('topics of machine learning applied to a field', () => {
  it.each([
    ['ai-for-science', 'Molecular chirality quantification: Tools and benchmarks'],
    ['medical-ai', 'Loss-driven miniaturized bound state in continuum biosensing system'],
  ])('%s takes no paper of a field outside computing that learns nothing ("%s")', (slug, title) => {
    // Read without the rule, the letter puts it there: the rule is what keeps it out.
    expect(
      physicsLetter(NO_APPLIED)
        .section(slug)
        .map((p) => p.title),
    ).toContain(title);
    const { section } = physicsLetter();
    expect(section(slug).map((p) => p.title)).not.toContain(title);
    for (const p of section(slug)) {
      const fits = ofComputingOrLearns(`${p.title} ${p.summary}`, p.categories);
      expect(`${p.title}: ${fits}`).toBe(`${p.title}: true`);
    }
  });

  it('keeps the papers that learn: a physics paper of neural networks reads under "AI for science"', () => {
    const titles = physicsLetter()
      .section('ai-for-science')
      .map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'The Bigger the Better? Accurate Molecular Potential Energy Surfaces from Minimalist Neural Networks',
        'Physics Informed Neural Networks (PINNs) as intelligent computing technique for solving partial differential equations: Limitation and Future prospects',
      ]),
    );
  });

  it('reads a paper without categories (a Hugging Face trending paper) as machine learning', () => {
    const paper = (id: string, title: string, summary: string): PaperText => ({
      id,
      title,
      summary,
      keywords: [],
      categories: [],
    });
    // A day of trending papers: most say they learn, and the one that does not reads as theirs.
    const papers = [
      paper('a', 'Conformations of Small Molecules', 'A neural network learns molecules in solution.'),
      paper(
        'b',
        'Generating Molecules in Three Dimensions',
        'We train a diffusion network; deep learning on molecules.',
      ),
      paper('c', 'Molecules on Metal Surfaces', 'We study molecules and their conformations in solution.'),
    ];
    const options = { areas: loadAreasFile(), homes: loadHomesFile(), applied: loadAppliedFile() };
    const { groups } = groupPapers(papers, loadCatalogueFile(), options);
    expect(groups.find((g) => g.topic.slug === 'ai-for-science')?.paperIds.sort()).toEqual(['a', 'b', 'c']);
    // The same subjects in a chemistry journal's feed, none saying it learns: no "AI for science".
    const journal = papers.map((p) => ({
      ...p,
      summary: 'We study molecules and their conformations in solution.',
    }));
    const other = groupPapers(journal, loadCatalogueFile(), options);
    expect(other.uncategorizedLearning).toBe(false);
    expect(other.groups.some((g) => g.topic.slug === 'ai-for-science')).toBe(false);
    // The same papers listed in chemical physics learn nothing: no section of "AI for science".
    const chemistry = papers.map((p) => ({ ...p, categories: ['physics.chem-ph'] }));
    const off = groupPapers(chemistry, loadCatalogueFile(), { applied: loadAppliedFile() });
    expect(off.groups.some((g) => g.topic.slug === 'ai-for-science')).toBe(false);
  });
});

describe('where learning is at home, topic by topic', () => {
  // Real titles and abstract openings: arXiv's feeds of 2024-11-28 (cs and all archives).
  const paper = (title: string, summary: string, categories: string[]): PaperText => ({
    id: title,
    title,
    summary,
    keywords: [],
    categories,
  });
  const texts: Record<string, readonly [string, string]> = {
    moore: [
      "The belief in Moore's Law is undermining ICT climate action",
      'This includes feeding an over-reliance on digital solutions to systemic problems such as climate change. We point to the intersectional climate impacts of the semiconductor industry.',
    ],
    fpga: [
      'Optimising Iteration Scheduling for Full-State Vector Simulation of Quantum Circuits on FPGAs',
      'Quantum computing simulators on classical computing systems are used. We particularly target FPGAs as our main simulation platform, as these offer potential energy savings.',
    ],
    anxiety: [
      'State Anxiety Biomarker Discovery: Electrooculography and Electrodermal Activity in Stress Monitoring',
      'Anxiety has become a significant health concern affecting mental and physical well-being. This research explores non-invasive wearable technology for the real-time monitoring of physiological responses, promoting applications of wearable technology in healthcare.',
    ],
    chameleon: [
      'Chameleon: Adaptive Caching and Scheduling for Many-Adapter LLM Inference Environments',
      'The widespread adoption of LLMs has driven an exponential rise in their deployment, imposing substantial demands on inference clusters.',
    ],
    tracker: [
      'DMVC-Tracker: Distributed Multi-Agent Trajectory Planning for Target Tracking Using Dynamic Buffered Voronoi and Inter-Visibility Cells',
      'This letter presents a distributed trajectory planning method for multi-agent aerial tracking. The DBVC and the DIVC are time-variant spaces that prevent mutual collisions and occlusions among agents.',
    ],
    caregiver: [
      "The Trusted Caregiver: The Influence of Eye and Mouth Design Incorporating the Baby Schema Effect in Virtual Humanoid Agents on Older Adults Users' Perception of Trustworthiness",
      'The increasing proportion of the older adult population has made the smart home care industry one of the critical markets for virtual human-like agents.',
    ],
    crew: [
      'Exploration of LLM Multi-Agent Application Implementation Based on LangGraph+CrewAI',
      'With the rapid development of large model technology, the application of agent technology in various fields is becoming increasingly widespread.',
    ],
    radar: [
      'Target Tracking: Statistics of Successive Successful Target Detection in Automotive Radar Networks',
      'We introduce a novel metric for stochastic geometry based analysis of automotive radar networks called target tracking probability.',
    ],
    slam: [
      'ORB-SLAM3AB: Augmenting ORB-SLAM3 to Counteract Bumps with Optical Flow Inter-frame Matching',
      'This paper proposes an enhancement to the ORB-SLAM3 algorithm, tailored for applications on rugged road surfaces. Our improved algorithm adeptly combines feature point matching with optical flow methods.',
    ],
    throwing: [
      'Dynamic Throwing with Robotic Material Handling Machines',
      'Automation of hydraulic material handling machinery is currently limited to semi-static pick-and-place cycles. We propose a reinforcement learning framework for dynamic throwing.',
    ],
    travel: [
      'SPTTE: A Spatiotemporal Probabilistic Framework for Travel Time Estimation',
      'Accurate travel time estimation is essential for navigation and itinerary planning.',
    ],
    gaze: [
      'Lightweight Gaze Estimation Model Via Fusion Global Information',
      'Deep learning-based appearance gaze estimation methods are gaining popularity due to their high accuracy and fewer constraints from the environment.',
    ],
  };

  it.each([
    // Computers and society is no home of learning for AI for science: "climate" alone says nothing.
    ['ai-for-science', 'moore', ['cs.CY'], false],
    ['ai-for-science', 'moore', ['cs.LG'], true],
    // Medical AI takes computing's health papers (a judge puts this cs.HC paper there).
    ['medical-ai', 'anxiety', ['cs.HC'], true],
    ['medical-ai', 'anxiety', ['physics.med-ph'], false],
    // Efficient inference: hardware words of a physics paper are not machine learning's ...
    ['efficient-inference', 'fpga', ['quant-ph', 'cs.AR'], false],
    // ... but a systems paper that serves LLMs is.
    ['efficient-inference', 'chameleon', ['cs.DC', 'cs.AR', 'cs.OS', 'cs.PF'], true],
    // A paper without categories (a Hugging Face trending paper) reads as machine learning.
    ['efficient-inference', 'fpga', [], true],
    // LLM agents asks for a language model: the "agents" of a robotics or HCI paper are not LLM
    // agents ...
    ['llm-agents', 'tracker', ['cs.RO', 'cs.SY', 'eess.SY'], false],
    ['llm-agents', 'caregiver', ['cs.HC'], false],
    ['llm-agents--multi-agent', 'tracker', ['cs.RO', 'cs.SY', 'eess.SY'], false],
    // ... those of a paper that says "LLM" are, in any class; in cs.CL agents are language agents.
    ['llm-agents', 'crew', ['cs.MA', 'cs.AI'], true],
    ['llm-agents', 'tracker', ['cs.CL'], true],
    // A paper without categories that says only the topic's words ("multi-agent") is asked for
    // a language model too.
    ['llm-agents', 'tracker', [], false],
    ['llm-agents', 'crew', [], true],
    // Visual recognition asks outside vision's classes for something seen: a radar's or a drone
    // planner's "target tracking" is not; a robot's optical flow is.
    ['visual-recognition', 'radar', ['cs.IT', 'math.IT'], false],
    ['visual-recognition', 'tracker', ['cs.RO', 'cs.SY', 'eess.SY'], false],
    ['visual-recognition', 'slam', ['cs.RO'], true],
    ['visual-recognition', 'gaze', ['cs.CV'], true],
    // Without categories, a phrase of words apart ("gaze estimation", "target tracking") is taken
    // at its word: no field to tell it from.
    ['visual-recognition', 'gaze', [], true],
    ['visual-recognition', 'radar', [], true],
    // Robotics asks outside robotics' classes for a robot, a drone, a gripper...: the virtual
    // "humanoid agents" of an HCI study are no robots; a robotic machine is one in any class.
    ['robotics', 'caregiver', ['cs.HC'], false],
    ['robotics', 'caregiver', ['cs.RO'], true],
    ['robotics', 'throwing', ['cs.LG'], true],
    // Without categories, a paper that says only the topic's one word ("navigation") is asked too.
    ['robotics', 'travel', [], false],
    ['robotics', 'throwing', [], true],
  ] as const)('%s: %s of %j joins: %s', (slug, name, categories, joins) => {
    const [title, summary] = texts[name] as readonly [string, string];
    // As a batch reads evidence: the catalogue's offered topics as rivals, its applied topics set.
    const catalogue = loadCatalogueFile();
    learnShadows(
      catalogue,
      catalogue.flatMap((t, i) => (t.hidden ? [] : [i])),
    );
    learnApplied(loadAppliedFile());
    const topic = catalogue.find((t) => t.slug === slug) as Topic;
    const evidence = topicEvidence(topic, paper(title, summary, [...categories]));
    expect(evidence >= JOIN_EVIDENCE).toBe(joins);
  });
});

describe('what a paper says, read for an own list: its keywords too', () => {
  // A Hugging Face paper of the demo samples (title and ai_keywords as recorded), read as a card's
  // second topic is: title and keywords alone (src/topics/drafts.ts).
  const card = (keywords: string[]): PaperText => ({
    id: '2606.09290',
    title: 'Visual Para-Thinker++: A Single-Policy Multi-Agent Framework for Visual Reasoning',
    summary: '',
    keywords,
    categories: [],
  });

  it('takes "MLLM policy" among its keywords for the language model "LLM agents" asks for', () => {
    const catalogue = loadCatalogueFile();
    learnShadows(
      catalogue,
      catalogue.flatMap((t, i) => (t.hidden ? [] : [i])),
    );
    learnApplied(loadAppliedFile());
    const agents = catalogue.find((t) => t.slug === 'llm-agents') as Topic;
    expect(topicEvidence(agents, card(['multi-agent framework', 'MLLM policy']))).toBeGreaterThanOrEqual(
      JOIN_EVIDENCE,
    );
    // The same card without it says only "multi-agent": no language model, no evidence.
    expect(topicEvidence(agents, card(['multi-agent framework']))).toBe(0);
  });
});

describe('a real cs letter: "LLM agents" over papers of language models only', () => {
  // 25 papers of the arXiv cs feed (tests/fixtures/topics/cs-letter-robot-agents.jsonl): a
  // robotics paper plans the trajectories of several drones ("Distributed Multi-Agent Trajectory
  // Planning") beside a paper on digital agents of language models.
  const letter = readArxivFixture('cs-letter-robot-agents.jsonl');
  const tracker = '2411.18086';
  const agentsOf = (applied: AppliedTopics): string[] =>
    groupPapers(letter, loadCatalogueFile(), { areas: loadAreasFile(), homes: loadHomesFile(), applied })
      .groups.filter((g) => (g.topic.parent ?? g.topic.slug) === 'llm-agents')
      .flatMap((g) => g.paperIds);

  it('keeps the robotics paper out: its "agents" are drones', () => {
    expect(letter.find((p) => p.id === tracker)?.title).toMatch(/^DMVC-Tracker: Distributed Multi-Agent/);
    // Read without the phrases "LLM agents" asks for, the letter put it there.
    const { 'llm-agents': _agents, ...topics } = loadAppliedFile().topics;
    expect(agentsOf({ topics, phrases: loadAppliedFile().phrases })).toContain(tracker);
    expect(agentsOf(loadAppliedFile())).not.toContain(tracker);
  });

  it('every paper read under "LLM agents" in it says a language model', () => {
    const said = /\b(LLMs?|language models?|agentic|GPT|VLMs?|MLLMs?|foundation models?|prompt\w*)\b/i;
    for (const id of agentsOf(loadAppliedFile())) {
      const p = letter.find((x) => x.id === id) as PaperText;
      expect(`${p.title}: ${said.test(`${p.title} ${p.summary}`) || p.categories.includes('cs.CL')}`).toBe(
        `${p.title}: true`,
      );
    }
  });
});

describe('a day of Hugging Face trending papers: "LLM agents" asks them for a language model too', () => {
  // The 33 papers of 2026-04-07 in tests/fixtures/topics/hf-labeled.jsonl (no arXiv categories).
  const day = loadHfLabeled().filter((p) => p.origin === 'hf_papers_jsonfeed_2026-04-07.json');
  const emergent = day.find((p) => p.title.startsWith('Emergent Compositional Communication'));
  const agentsOf = (applied: AppliedTopics): string[] =>
    groupPapers(day, loadCatalogueFile(), { areas: loadAreasFile(), homes: loadHomesFile(), applied })
      .groups.filter((g) => (g.topic.parent ?? g.topic.slug) === 'llm-agents')
      .flatMap((g) => g.paperIds);

  it('leaves out agents that learn to talk through a bottleneck, keeps the agents of language models', () => {
    // Hand-labelled "world models": four agents trained to communicate about physics, no LLM.
    expect(emergent?.label).toBe('world-models');
    // Read without "LLM agents" among the applied topics, the letter put it there.
    const { 'llm-agents': _agents, ...topics } = loadAppliedFile().topics;
    const before = agentsOf({ topics, phrases: loadAppliedFile().phrases });
    expect(before).toContain(emergent?.id);
    const after = agentsOf(loadAppliedFile());
    expect(after).not.toContain(emergent?.id);
    expect(after).toEqual(before.filter((id) => id !== emergent?.id));
    for (const id of after) expect(day.find((p) => p.id === id)?.label).not.toBe('world-models');
  });
});
