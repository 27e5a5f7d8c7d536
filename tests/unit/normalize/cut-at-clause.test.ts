import { describe, expect, it } from 'vitest';
import { cutAtClause, fromContribution, mendFeedCut } from '../../../src/domain/index.js';
import { normalizeEntry } from '../../../src/normalize/index.js';
import { rawEntry } from './helpers.js';

const ABSTRACT =
  'Large language models are increasingly used for annotation. We investigate three dimensions of this interaction, and we find that nearly two-thirds of zero-shot errors are resistant to correction and';

// arXiv 2411.17876's abstract (the demo's cs.CL sample), whose card read "... implications. However…".
const TOXICITY =
  'Content moderation and toxicity classification represent critical tasks with significant social implications. However, studies have shown that major classification models exhibit tendencies to magnify or reduce biases and potentially overlook or disadvantage certain marginalized groups within their classification processes.';

describe('cutAtClause', () => {
  it.each([
    ['short text stays', 'Short text.', 50, 'Short text.'],
    ['at a sentence end', ABSTRACT, 120, 'Large language models are increasingly used for annotation.'],
    [
      'at a clause end when no sentence ends late enough',
      'We study retrieval for agents, comparing dense and sparse indexes over five benchmarks with many tools',
      60,
      'We study retrieval for agents…',
    ],
    [
      'never after a dangling "and"',
      'Retrieval helps small models reason better over long documents and',
      60,
      'Retrieval helps small models reason better over long…',
    ],
    [
      'not at "et al." or "e.g."',
      'As Smith et al. show, models (e.g. BERT) overfit quickly on small data sets',
      50,
      'As Smith et al. show…',
    ],
    [
      'the full sentence, not the opening phrase of the next before its comma',
      'We draw inspiration from heat conduction, a physical process modeling local heat diffusion. Building on this idea, we propose a vision backbone that spreads features through an image as heat spreads through a plate and train it on many images without any labels at all for a long time',
      240,
      'We draw inspiration from heat conduction, a physical process modeling local heat diffusion.',
    ],
    [
      'a long stretch to the comma holds a statement: kept',
      'We consider norms of polynomials. When q is small the estimates for every p are essentially the same as in the free case, and differ otherwise.',
      135,
      'We consider norms of polynomials. When q is small the estimates for every p are essentially the same as in the free case…',
    ],
    ['a word when nothing else fits', 'one two three four five six seven', 20, 'one two three four…'],
    [
      'the full sentence, not a stub clause after it ("However…")',
      TOXICITY,
      280,
      'Content moderation and toxicity classification represent critical tasks with significant social implications.',
    ],
    [
      'a clause of four words or more after a full sentence stays',
      'Models are biased. However, recent studies of annotator positionality show, in several settings, that labels carry bias',
      100,
      'Models are biased. However, recent studies of annotator positionality show, in several settings…',
    ],
    [
      'no stub clause after a sentence too short to stand alone',
      'Bias matters. However, classification models exhibit tendencies to magnify or reduce the biases of annotators',
      100,
      'Bias matters. However, classification models exhibit tendencies to magnify or reduce the biases…',
    ],
  ])('%s', (_, text, limit, expected) => {
    const out = cutAtClause(text, limit);
    expect(out).toBe(expected);
    expect(Array.from(out).length).toBeLessThanOrEqual(limit);
  });

  it('regression (issue 14): arXiv abstracts no longer end mid-sentence on "...and…"', () => {
    const paper = normalizeEntry(
      rawEntry({ kind: 'arxiv-api', guid: 'http://arxiv.org/abs/2606.00467v1', summary: ABSTRACT }),
      { maxSummaryChars: 150 },
    );
    expect(paper?.summary).toBe(
      'Large language models are increasingly used for annotation. We investigate three dimensions of this interaction…',
    );
  });
});

describe('fromContribution: an abstract from the sentence that says what the paper does', () => {
  const BACKGROUND =
    'Large language models (LLMs) have seen significant advancements. However, they remain brittle.';
  it.each([
    [
      'after background, "In this paper, we"',
      `${BACKGROUND} In this paper, we propose X. X is fast.`,
      'We propose X. X is fast.',
    ],
    ['after background, "We"', `${BACKGROUND} We present Y, a tool.`, 'We present Y, a tool.'],
    // An opening that points back to the skipped background goes with it.
    ['"To address this, we"', `${BACKGROUND} To address this, we introduce Z.`, 'We introduce Z.'],
    [
      '"To tackle these challenges, we"',
      `${BACKGROUND} To tackle these challenges, we propose Z. Z is fast.`,
      'We propose Z. Z is fast.',
    ],
    ['"To this end, we"', `${BACKGROUND} To this end, we build Z.`, 'We build Z.'],
    ['an opening "In this work, we"', 'In this work, we study Z. Z is hard.', 'We study Z. Z is hard.'],
    ['"Here, we" after background', `${BACKGROUND} Here, we show Z.`, 'We show Z.'],
    ['"Motivated by this, we"', `${BACKGROUND} Motivated by this, we study Z.`, 'We study Z.'],
    [
      'an opening that names its subject stays',
      `${BACKGROUND} To address the lack of data, we collect Z.`,
      'To address the lack of data, we collect Z.',
    ],
    ['"This work presents"', `${BACKGROUND} This work presents W.`, 'This work presents W.'],
    [
      'an opening that already says it stays whole',
      'This comprehensive survey reviews RE. We cover 137 papers.',
      'This comprehensive survey reviews RE. We cover 137 papers.',
    ],
    [
      'an opening "We" stays whole',
      'We prove a bound. The bound is tight.',
      'We prove a bound. The bound is tight.',
    ],
    [
      'a definition first ("Let ... be"): the abstract as it is, what follows needs it',
      'Let G be a permutation group on a finite set. We study partitions whose stabilizers are small.',
      'Let G be a permutation group on a finite set. We study partitions whose stabilizers are small.',
    ],
    [
      'no such sentence: the abstract as it is',
      `${BACKGROUND} Results improve.`,
      `${BACKGROUND} Results improve.`,
    ],
    [
      'past five sentences of background',
      'One is here. Two is here. Three is here. Four is here. Five is here. We propose V.',
      'We propose V.',
    ],
    [
      'past six sentences of background, only a sentence that names the work',
      'One is here. Two is here. Three is here. Four is here. Five is here. Six is here. Seven is here. We propose V.',
      'We propose V.',
    ],
    [
      'not past six sentences of background for what it finds',
      'One is here. Two is here. Three is here. Four is here. Five is here. Six is here. Seven is here. We find V.',
      'One is here. Two is here. Three is here. Four is here. Five is here. Six is here. Seven is here. We find V.',
    ],
    // Any opening clause before "we" / "this paper" (issue #12: cards that said what a field knows).
    [
      'an opening clause that names what it is for stays',
      `${BACKGROUND} To further investigate annotator positionality, we fine-tune BERTweet.`,
      'To further investigate annotator positionality, we fine-tune BERTweet.',
    ],
    [
      '"Inspired by X, we" stays whole',
      `${BACKGROUND} Inspired by the recent achievements of contrastive representation learning in unsupervised tasks, we propose ReC-TTT.`,
      'Inspired by the recent achievements of contrastive representation learning in unsupervised tasks, we propose ReC-TTT.',
    ],
    [
      '"Building on these insights, we"',
      `${BACKGROUND} Building on these insights, we introduce MLAI.`,
      'We introduce MLAI.',
    ],
    [
      'an opening of two clauses that point back',
      `${BACKGROUND} In order to solve this problem, in this letter, we propose ViMD.`,
      'We propose ViMD.',
    ],
    ['"Therefore, this paper"', `${BACKGROUND} Therefore, this paper presents P.`, 'This paper presents P.'],
    [
      '"To overcome these restrictions we" without a comma',
      `${BACKGROUND} To overcome these restrictions we perform simulations.`,
      'We perform simulations.',
    ],
    [
      '"This review paper" is its subject, not a word pointing back',
      'The operating system is the backbone of computing. This review paper offers an analysis of its evolution.',
      'This review paper offers an analysis of its evolution.',
    ],
    ['"Here, I"', `${BACKGROUND} Here, I simulate two worlds.`, 'Here, I simulate two worlds.'],
    [
      'not a sentence that adds to one before it ("In addition, we")',
      `${BACKGROUND} In addition, we present sky maps.`,
      `${BACKGROUND} In addition, we present sky maps.`,
    ],
    [
      "not the authors' earlier work",
      `${BACKGROUND} In our previous paper, we presented T.`,
      `${BACKGROUND} In our previous paper, we presented T.`,
    ],
    [
      'not an opening that holds a clause of its own',
      `${BACKGROUND} The currents are studied, and by using LEP data, we bound the model.`,
      `${BACKGROUND} The currents are studied, and by using LEP data, we bound the model.`,
    ],
    [
      'a sentence before that points further back is not kept',
      'Semantic mapping matters. This has sparked advances. This survey reviews these developments.',
      'This survey reviews these developments.',
    ],
    // In the passive, as abstracts in some fields say it.
    [
      '"X is proposed" after background',
      `${BACKGROUND} A network model named Multitask-Gaze is proposed. It is small.`,
      'A network model named Multitask-Gaze is proposed. It is small.',
    ],
    [
      '"To address this issue, X is proposed": the opening that points back is left out',
      `${BACKGROUND} To address this issue, a fusion framework (Conti-Fuse) is proposed.`,
      'A fusion framework (Conti-Fuse) is proposed.',
    ],
    [
      'not "hundreds of methods have been proposed", nor "was proposed as"',
      'Hundreds of methods have been proposed. TTT was proposed as a solution. Results follow.',
      'Hundreds of methods have been proposed. TTT was proposed as a solution. Results follow.',
    ],
    [
      '"St." ends no sentence (no card opens "Patrick scourges the land")',
      `${BACKGROUND} As St. Patrick scourges the land, we hunker down.`,
      `${BACKGROUND} As St. Patrick scourges the land, we hunker down.`,
    ],
    [
      '"I" is the subject after "Here" only (elsewhere a blog\'s narrator)',
      `${BACKGROUND} I am on tour. Here I review the field.`,
      'Here I review the field.',
    ],
    [
      '"Phys. Rev." ends no sentence',
      'Following Bouttier et al [Phys. Rev. E 76, 041140 (2007)], we study a vacancy.',
      'Following Bouttier et al [Phys. Rev. E 76, 041140 (2007)], we study a vacancy.',
    ],
    ['"et al." ends no sentence', 'As Smith et al. we know little. We propose U.', 'We propose U.'],
    [
      'not a sentence that adds to the rest ("We also")',
      `${BACKGROUND} We also discuss T.`,
      `${BACKGROUND} We also discuss T.`,
    ],
    [
      'a sentence that points back keeps the one before it',
      'Interferometry measures beams in one dimension. We improve this technique to two.',
      'Interferometry measures beams in one dimension. We improve this technique to two.',
    ],
  ])('%s', (_case, text, expected) => {
    expect(fromContribution(text)).toBe(expected);
  });

  it('starts at the subject of a first sentence whose opening clause would fill the card', () => {
    const text =
      'To elucidate the robustness of the BAO data measured by DESI in capturing the dynamical behavior of dark energy, we assess the model dependence of the evidence. The rest follows.';
    expect(fromContribution(text, 120)).toBe(
      'We assess the model dependence of the evidence. The rest follows.',
    );
    expect(fromContribution(text, 280)).toBe(text);
    const later = `${BACKGROUND} ${text}`;
    expect(fromContribution(later, 120)).toBe(
      'We assess the model dependence of the evidence. The rest follows.',
    );
    expect(fromContribution(later, 280)).toBe(text);
  });

  it.each([
    [
      'a later sentence that names the work, over one pointing back to a thing skipped',
      `${BACKGROUND} Mixtures of experts route every input through blocks of one and the same cost and size. We attribute this undesired behavior to their uniform architecture. To address this, we introduce complexity experts, blocks of varied cost.`,
      'We introduce complexity experts, blocks of varied cost.',
    ],
    [
      '"In this work, we ... this overhead": a later "To respond, we introduce" opens at its subject',
      `${BACKGROUND} Existing systems overlook the overhead caused by context switching. In this work, we identify three main challenges that result in this overhead. 1) GPU idleness. To respond, we introduce FastSwitch.`,
      'We introduce FastSwitch.',
    ],
    [
      'a problem named after a few words reads on its own ("this perception gap")',
      `${BACKGROUND} Multimodal models lack accurate perception abilities on detection benchmarks. In this work, we aim to bridge this perception gap from two perspectives. We first build a data engine.`,
      'We aim to bridge this perception gap from two perspectives. We first build a data engine.',
    ],
    [
      'a later passive proposal, over one pointing back',
      `${BACKGROUND} Strong gravitational lenses admit many mass models that fit the same images equally well. We study these degeneracies in galaxy lenses of many kinds. A new inversion method is proposed.`,
      'A new inversion method is proposed.',
    ],
    [
      'the problem a paper takes on reads on its own',
      `${BACKGROUND} Little is known about which bilevel and robust optimization problems are hard for the second level. We address this lack of knowledge by introducing 70 complete problems. We also introduce a meta-theorem for them.`,
      'We address this lack of knowledge by introducing 70 complete problems. We also introduce a meta-theorem for them.',
    ],
    [
      'no later sentence names the work: the one pointing back',
      `${BACKGROUND} Strong gravitational lenses admit many mass models that fit the same images equally well. We study these degeneracies in galaxy lenses of many kinds. We find many.`,
      'We study these degeneracies in galaxy lenses of many kinds. We find many.',
    ],
  ])('%s', (_case, text, expected) => {
    expect(fromContribution(text, 100)).toBe(expected);
  });

  // A card must not open mid-argument: "We identify a structural source of this difficulty: ..."
  // leaves a reader asking which difficulty (a Hugging Face daily paper, 2026-07-31).
  it.each([
    [
      'a sentence on "this difficulty" that says no way out gives way to a later one naming the work',
      'On-policy self-distillation (OPSD) is a promising approach to improve reasoning language models, but it remains brittle in practice: making it work reliably often requires substantial engineering effort. We identify a structural source of this difficulty: vanilla OPSD is precisely one member of a broader policy-optimization family, where a weight sets the KL penalty. We introduce B-OPSD and derive its optimal policy.',
      'We introduce B-OPSD and derive its optimal policy.',
    ],
    [
      '"we study this problem" gives way to a later "This paper presents"',
      `${BACKGROUND} Selecting instances with large unobserved labels from a pool of unlabeled data is hard when the model that scores them is tuned on the same data it selects from. We study this problem in the context of conformal selection, which uses conformal p-values to select instances while controlling the false discovery rate. This paper presents OptCS, a general framework.`,
      'This paper presents OptCS, a general framework.',
    ],
    [
      'a problem sentence that says how it takes the problem on reads alone',
      `${BACKGROUND} Selecting instances with large unobserved labels from a pool of unlabeled data is hard when the model that scores them is tuned on the same data it selects from. We address this problem by introducing OptCS, a framework that allows valid selection after flexible data-driven model optimization. This paper presents a theory.`,
      'We address this problem by introducing OptCS, a framework that allows valid selection after flexible data-driven model optimization. This paper presents a theory.',
    ],
    [
      'no later sentence names the work: a short sentence before says what "these" are',
      'Sparse mixture-of-experts models route each token to several experts, suggesting a geometric account of their benefit. Existing evidence conflates route coherence and candidate quality. We distinguish these quantities using an expert subspace separation index, matched-route residuals and a prefix-controlled factorial design; frozen-route interventions and a controlled study assess functional value. Three contrasts organize the findings.',
      'Existing evidence conflates route coherence and candidate quality. We distinguish these quantities using an expert subspace separation index, matched-route residuals and a prefix-controlled factorial design; frozen-route interventions and a controlled study assess functional value. Three contrasts organize the findings.',
    ],
    [
      'not a sentence before that leans back itself ("From then on, these waves")',
      'Gravitons were produced in a burst at the end of inflation by a mechanism we describe in detail here. From then on, these waves propagate unimpeded to us. We find that the fraction of energy density today in these primordial gravitational waves could be significant for models of inflation at the scale of grand unification, although well beyond the frequency range of the gravitational wave observatories planned today.',
      'We find that the fraction of energy density today in these primordial gravitational waves could be significant for models of inflation at the scale of grand unification, although well beyond the frequency range of the gravitational wave observatories planned today.',
    ],
    [
      '"this note" is the paper itself, not a thing the card skips',
      'Hybrid structures of organic layers and semiconductors are studied widely for their optical properties. We point out in this note that resonant energy transfer in hybrid structures can raise the generation of free carriers drastically.',
      'We point out in this note that resonant energy transfer in hybrid structures can raise the generation of free carriers drastically.',
    ],
  ])('%s', (_case, text, expected) => {
    expect(fromContribution(text, 280)).toBe(expected);
  });

  // A long abstract's background ran past the sentences a card may skip: the card of an arXiv
  // cs.CL survey (2411.18021) read "Over the past few decades, Artificial Intelligence(AI) has
  // progressed..." in the demo letter; nine sentences in, it says what the paper does.
  const HISTORY =
    'Over the past few decades, AI has progressed from the initial machine learning stage to the deep learning stage, and now to the stage of foundational models. Foundational models have the characteristics of pre-training, transfer learning, and self-supervised learning. Under the framework of foundational models, models such as BERT and GPT have greatly advanced natural language processing. BERT broke through the limitation of only using one-way methods for language modeling in pre-training by using a masked language model. It can capture bidirectional context information to predict the masked words in the sequence. This makes the model very useful for downstream tasks, especially for specialized applications. The model using the bidirectional encoder can better understand the domain knowledge.';
  it.each([
    [
      'the paper itself as subject, past the background a card may skip',
      `${HISTORY} This article analyzes one-way and bidirectional models based on GPT and BERT. The models are compared on SQuAD and GLUE.`,
      'This article analyzes one-way and bidirectional models based on GPT and BERT. The models are compared on SQuAD and GLUE.',
    ],
    [
      '"In this paper, we propose" there',
      `${HISTORY} In this paper, we propose a novel UDA method called Calibrated Adaptive Teacher (CAT). We evaluate CAT on the Paderborn benchmark.`,
      'We propose a novel UDA method called Calibrated Adaptive Teacher (CAT). We evaluate CAT on the Paderborn benchmark.',
    ],
    [
      'an opening that points back, the card from its subject',
      `${HISTORY} To provide a structured understanding of this trend, this paper presents a comprehensive survey of LLM-brained GUI agents.`,
      'This paper presents a comprehensive survey of LLM-brained GUI agents.',
    ],
    [
      'not a sentence that says no work ("We conclude")',
      `${HISTORY} We conclude that bidirectional models win on most tasks.`,
      `${HISTORY} We conclude that bidirectional models win on most tasks.`,
    ],
    [
      'not one that names what it studies by "the latter"',
      `${HISTORY} This paper examines the latter approach on two tasks.`,
      `${HISTORY} This paper examines the latter approach on two tasks.`,
    ],
    [
      'not where the first sentence says it in the passive',
      `A new analysis of a sample of light curves of Mira stars is presented. ${HISTORY} This article analyzes the curves.`,
      `A new analysis of a sample of light curves of Mira stars is presented. ${HISTORY} This article analyzes the curves.`,
    ],
  ])('%s', (_case, text, expected) => {
    expect(fromContribution(text)).toBe(expected);
  });

  it('starts at the sentence that points back when the one before it does not fit too', () => {
    const text = `${BACKGROUND} Many methods exist for this. We improve this technique by two means.`;
    expect(fromContribution(text, 50)).toBe('We improve this technique by two means.');
    expect(fromContribution(text, 200)).toBe(
      'Many methods exist for this. We improve this technique by two means.',
    );
  });
});

// CNKI's journal feeds end every abstract in the middle of a word ("Psammophii..."); the Guardian's
// on "Continue reading...". A card ends on the last sentence, else on a whole word.
describe('mendFeedCut', () => {
  it.each([
    [
      'Comparisons of vertebrate mitogenomes may yield insights into the evolution of organisms. However,no complete mitogenome from the snake family Psammophii...',
      'Comparisons of vertebrate mitogenomes may yield insights into the evolution of organisms.',
    ],
    [
      'We estimated the age structure and body size of two species of odorous frogs(Odorran...',
      'We estimated the age structure and body size of two species of odorous…',
    ],
    ['Prices rose in March. Continue reading...', 'Prices rose in March.'],
    ['A whole abstract.', 'A whole abstract.'],
    ['An abstract that trails off…', 'An abstract that trails…'],
    ['Ellipsis in the middle... then a full stop.', 'Ellipsis in the middle... then a full stop.'],
    ['Short...', 'Short...'],
  ])('%s', (text, expected) => {
    expect(mendFeedCut(text)).toBe(expected);
  });

  it("mends a feed's summary before any cut of ours", () => {
    const p = normalizeEntry(
      rawEntry({
        url: 'https://t.cnki.net/kcms/detail?v=1',
        summary: 'Genome size changes among taxonomic levels. However, there are mixed e...',
      }),
    );
    expect(p?.summary).toBe('Genome size changes among taxonomic levels.');
  });
});
