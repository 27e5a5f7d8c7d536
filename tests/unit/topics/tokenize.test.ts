import { describe, expect, it } from 'vitest';
import { extractTerms, foldPlural, isStopword, stemWord } from '../../../src/topics/index.js';

describe('foldPlural', () => {
  it.each([
    ['agents', 'agent'],
    ['policies', 'policy'],
    ['classes', 'class'],
    ['approaches', 'approach'],
    ['loss', 'loss'],
    ['corpus', 'corpus'],
    ['analysis', 'analysis'],
    ['gas', 'gas'],
  ])('%s -> %s', (word, folded) => {
    expect(foldPlural(word)).toBe(folded);
  });
});

describe('stemWord', () => {
  it.each([
    ['generation', 'generative'],
    ['generation', 'generated'],
    ['agents', 'agentic'],
    ['reasoning', 'reason'],
    ['tokenizer', 'tokenization'],
    ['evaluation', 'evaluating'],
    ['robotics', 'robot'],
    ['generalization', 'general'],
    ['generalize', 'generally'],
    ['signals', 'signaling'],
    ['foundations', 'foundational'],
    ['causality', 'causal'],
  ])('%s and %s share a key', (a, b) => {
    expect(stemWord(a)).toBe(stemWord(b));
  });

  it.each([
    ['vision', 'visual'],
    ['memory', 'member'],
    ['attention', 'attack'],
    // An "-al", "-ic" or "-ation" that is part of a word of its own (tokenize.ts OWN_ROOT).
    ['generalization', 'generation'],
    ['general', 'generative'],
    ['generic', 'generated'],
    ['signal', 'sign'],
    ['foundation', 'found'],
    ['causal', 'caused'],
    ['digital', 'digit'],
    ['format', 'formation'],
    ['university', 'universal'],
  ])('%s and %s stay apart', (a, b) => {
    expect(stemWord(a)).not.toBe(stemWord(b));
  });

  // The longest listed suffix that leaves four letters goes, then a left-over "at"/"iz".
  it.each([
    ['organizations', 'organ'],
    ['computational', 'comput'],
    ['normalization', 'normal'],
    ['nation', 'nation'],
    ['station', 'stat'],
    ['kindness', 'kind'],
    ['robotics', 'robot'],
    ['quantizing', 'quant'],
    ['models', 'model'],
    ['cat', 'cat'],
    ['ability', 'abil'],
    ['city', 'city'],
  ])('%s -> %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe('extractTerms', () => {
  const surfaces = (text: string): string[] => extractTerms(text).map((t) => t.surface);

  it.each([
    [
      'keeps adjacent content words as a phrase',
      'sparse attention kernels',
      ['sparse attention', 'attention kernels'],
    ],
    ['a stopword breaks a phrase', 'attention for retrieval', []],
    ['punctuation breaks a phrase', 'attention, retrieval', []],
    ['a hyphenated word is a unit', 'long-context benchmarks', ['long-context', 'long-context benchmarks']],
    [
      'a phrase keeps a hyphenated word whole',
      'standard on-policy distillation',
      ['standard on-policy', 'on-policy distillation'],
    ],
    [
      'stopword parts stay inside the unit',
      'mixture-of-experts routing',
      ['mixture-of-experts', 'mixture-of-experts routing'],
    ],
    [
      'no fragment across a hyphen',
      'pixel-level semantic maps',
      ['pixel-level', 'pixel-level semantic', 'semantic maps'],
    ],
    // TeX's "two--photon" reaches grouping as an en dash (latexToText).
    ['an en dash inside a word joins as a hyphen', 'two\u2013photon exchange', ['two\u2013photon exchange']],
    ['an em dash breaks a phrase', 'retrieval\u2014attention kernels', ['attention kernels']],
  ])('%s', (_, text, phrases) => {
    expect(surfaces(text).filter((s) => s.includes(' ') || s.includes('-'))).toEqual(phrases);
  });

  it.each([
    ['the', true],
    ['propose', true],
    ['novel', true],
    ['attention', false],
    ['benchmarks', false],
  ])('isStopword(%s) = %s', (word, stop) => {
    expect(isStopword(word)).toBe(stop);
  });

  it('keeps the case of the text in surfaces and folds keys', () => {
    const terms = extractTerms('LLM Agents');
    expect(terms).toContainEqual({ key: 'llm agent', surface: 'LLM Agents' });
  });

  it.each([
    ['TriAttention', ['tri', 'attention']],
    ['MemTrapBench', ['mem', 'trap', 'bench']],
    ['CoToGrasp', ['grasp']],
    ['SkillX', ['skill']],
    ['LLMs', []],
    ['attention', []],
  ])('reads the words inside the coined name %s, as parts', (name, words) => {
    const parts = extractTerms(name).filter((t) => t.part);
    expect(parts.map((t) => t.key)).toEqual(words.map(stemWord));
    expect(parts.every((t) => t.surface === '')).toBe(true);
  });

  it('keys a word with an en dash as the hyphenated word', () => {
    const key = (text: string): string[] => extractTerms(text).map((t) => t.key);
    expect(key('Hartree\u2013Fock theory')).toEqual(key('Hartree-Fock theory'));
  });

  it('marks the parts of a hyphenated word, which are no label words alone', () => {
    const parts = extractTerms('multi-agent systems').filter((t) => t.part);
    expect(parts.map((t) => t.surface)).toEqual(['multi', 'agent']);
  });

  it.each([
    ['«Über» attention', 'Über attention'],
    ['*naïve* Bayes', 'naïve Bayes'],
    ['«TríAttention» kernels', 'TríAttention kernels'],
    ['état-of-art', 'état-of-art'],
    ['２D ３層 models', '２D ３層 models'],
  ])('reads %s as %s: punctuation around a word, accented and wide letters', (text, plain) => {
    expect(extractTerms(text)).toEqual(extractTerms(plain));
    expect(extractTerms(plain).length).toBeGreaterThan(0);
  });

  it('reads accented capitals inside a coined name as parts', () => {
    expect(
      extractTerms('ÉcoleNet')
        .filter((t) => t.part)
        .map((t) => t.key),
    ).toEqual(['école', 'net'].map(stemWord));
  });

  it('drops bare numbers and one-letter tokens', () => {
    expect(extractTerms('a 12 x 2024 GPU')).toEqual([{ key: 'gpu', surface: 'GPU' }]);
  });

  // Texts come single-spaced and plain ASCII from ingest, and are read without a replace or
  // NFKC pass then; any other whitespace or compatibility character reads as before.
  it.each([
    [
      'line breaks and tabs',
      'Sparse attention\nfor long-context\tmodels',
      'Sparse attention for long-context models',
    ],
    [
      'runs of spaces',
      'Sparse  attention   for long-context models',
      'Sparse attention for long-context models',
    ],
    [
      'a no-break space',
      'Sparse\u00a0attention for long-context models',
      'Sparse attention for long-context models',
    ],
    [
      'a space at the edges',
      ' Sparse attention for long-context models\n',
      ' Sparse attention for long-context models ',
    ],
    ['a ligature (NFKC)', 'E\ufb03cient sparse attention', 'Efficient sparse attention'],
    ['full-width letters (NFKC)', '\uff2c\uff2c\uff2d agents', 'LLM agents'],
  ])('reads %s as the plain text does', (_, text, plain) => {
    expect(extractTerms(text)).toEqual(extractTerms(plain));
  });
});
