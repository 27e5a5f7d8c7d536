import { describe, expect, it } from 'vitest';
import { latexToText, normalizeEntry } from '../../../src/normalize/index.js';
import { rawEntry } from './helpers.js';

// Real titles from arXiv (tests/../corpora/labeled and the arXiv RSS of 2024-11-28) and HF.
describe('latexToText', () => {
  it.each([
    // the four of issue 14
    [
      '$H^3$Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs',
      'H³Fusion: Helpful, Harmless, Honest Fusion of Aligned LLMs',
    ],
    ['τ_0-VLA: a Hierarchical Robot Foundation Model', 'τ₀-VLA: a Hierarchical Robot Foundation Model'],
    [
      'From the Shastry-Sutherland model to the $J_1$-$J_2$ Heisenberg model',
      'From the Shastry-Sutherland model to the J₁-J₂ Heisenberg model',
    ],
    ["Parole de pr\\'esidents (1958-2022)", 'Parole de présidents (1958-2022)'],
    // accents
    [
      'Almost sure well-posedness for Schr\\"odinger equation',
      'Almost sure well-posedness for Schrödinger equation',
    ],
    ['A note on P\\\'{o}lya-Szeg\\"{o} inequality', 'A note on Pólya-Szegö inequality'],
    ['$d$-Degree Erd\\H{o}s-Ko-Rado theorem', 'd-Degree Erdős-Ko-Rado theorem'],
    ["Generalized Fast Krasnosel'ki\\u{\\i}-Mann Method", "Generalized Fast Krasnosel'kiĭ-Mann Method"],
    [
      "Informa\\c{c}\\~ao de Fisher e poss\\'iveis Aplica\\c{c}\\~oes",
      'Informação de Fisher e possíveis Aplicações',
    ],
    ['Central Stars of Planetary Nebul{\\ae}', 'Central Stars of Planetary Nebulæ'],
    ["Radial velocity mapping of Paczy\\'nski's star", "Radial velocity mapping of Paczyński's star"],
    // TeX's infix fractions and binomials, a symbol set over another, semidirect products
    // (arXiv math, cond-mat and astro-ph abstracts of 2024-11-28 and 2008, as written)
    [
      'antiferromagnetism ($T_{N}$=2.5 K, $\\vec{Q}_{0}=({1\\over 2}, {1\\over 2}, {1\\over 2})$)',
      'antiferromagnetism (T_N=2.5 K, Q⃗₀=(1/2, 1/2, 1/2))',
    ],
    ['a mild density cusp $\\rho \\sim {\\Sigma \\over r}$.', 'a mild density cusp ρ ∼ Σ/r.'],
    ['when does $k!$ divide $\\binom{n}{k}$?', 'when does k! divide (n choose k)?'],
    // A `\\times` whose backslash and dollars were lost upstream (a Hugging Face summary of
    // 2026-07-31), and English left alone
    [
      'matched-route residuals, and a prefix-controlled 2times2 factorial;',
      'matched-route residuals, and a prefix-controlled 2×2 factorial;',
    ],
    ['a 3times3times3 cube, 2 times faster, sometimes 4', 'a 3×3×3 cube, 2 times faster, sometimes 4'],
    ['let $\\left[V\\atop k\\right]_q$ denote the family', 'let [V choose k]_q denote the family'],
    [
      'its Smith normal form is $$ \\mathrm{diag}\\left( \\underset{r=\\lceil \\frac{n}{2} \\rceil}{\\underbrace{1,2,2,...,2}},0,...,0 \\right), $$ where',
      'its Smith normal form is diag( 1,2,2,...,2,0,...,0 ), where',
    ],
    [
      'on cosets of $\\mathbb{Z}_s^m\\rtimes \\mathbb{Z}_{10}$, where $s$ is a prime',
      'on cosets of ℤₛᵐ⋊ ℤ₁₀, where s is a prime',
    ],
    ['if $x \\overset{\\text{def}}{=} y$ then', 'if x = y then'],
    ['the vector $\\overrightarrow{v}$', 'the vector v⃗'],
    ['provided that $\\operatorname{char}k>C(v)$, a constant', 'provided that char k>C(v), a constant'],
    ['such that $\\operatorname {det}(M-1)=0$, where', 'such that det(M-1)=0, where'],
    ['achieves at least \\SI{100}{}-\\SI{500}{} times faster', 'achieves at least 100-500 times faster'],
    ['a mass of \\SI{5}{GeV} and \\num{12} events', 'a mass of 5 GeV and 12 events'],
    ['Let $\\Bbbk$ be a field of characteristic zero.', 'Let 𝕜 be a field of characteristic zero.'],
    [
      'a convenient basis$\\unicode{x2013}$the Pauli $Y$ basis$\\unicode{x2013}$in which',
      'a convenient basis–the Pauli Y basis–in which',
    ],
    ['when $p^\\ell\\,{\\not\\equiv}\\,3~({\\rm mod}~4)$, the', 'when p^ℓ ≢ 3 (mod 4), the'],
    ['if $a \\not= b$', 'if a ≠ b'],
    // a hostile feed gets no control or bidi character through \unicode (text is sanitized before)
    ['a$\\unicode{x202e}$b$\\unicode{7}$c$\\unicode{x110000}$d', 'abcd'],
    // computer-vision style files' abbreviations; a citation dropped with the brackets it leaves
    [
      'Pretrained vision-language models (VLMs), \\eg CLIP, are increasingly used',
      'Pretrained vision-language models (VLMs), e.g. CLIP, are increasingly used',
    ],
    [
      'gather metadata (\\ie names, creators, descriptions, \\etc) and user feedback',
      'gather metadata (i.e. names, creators, descriptions, etc.) and user feedback',
    ],
    [
      'galaxy formation, {\\small FEGA} (\\citealt{contini2024c}), applied to',
      'galaxy formation, FEGA, applied to',
    ],
    ['$\\require{mediawiki-texvc}$Given the sensitivity', 'Given the sensitivity'],
    ['a map $\\mathrm{eg}$ and $e \\cdot g$', 'a map eg and e · g'],
    // superscripts and subscripts
    ['$L^2$-torsion invariants', 'L²-torsion invariants'],
    [
      'Elastic Form Factors of $^{3,4}$He up to Large $Q^2$',
      'Elastic Form Factors of ^(3,4)He up to Large Q²',
    ],
    ['Electron-phonon interaction in Na$_x$CoO$_2$', 'Electron-phonon interaction in NaₓCoO₂'],
    [
      'orders in $\\textrm{Ba}_{1-x}\\textrm{Ca}_{x}\\textrm{Ni}_{2}\\textrm{As}_{2}$',
      'orders in Ba₁₋ₓCaₓNi₂As₂',
    ],
    ['Quantum-limited mass flow of liquid $^{3}$He', 'Quantum-limited mass flow of liquid ³He'],
    ['a new method for the $X_{\\rm max}$ measurement', 'a new method for the Xₘₐₓ measurement'],
    ['Entropy formula for $C^{1+\\alpha}$ maps', 'Entropy formula for C¹⁺ᵅ maps'],
    ['C$^{*}$-bialgebra defined by the direct sum', 'C*-bialgebra defined by the direct sum'],
    ['the $d_{x^{2}-y^{2}}$ orbital', 'the d_(x²-y²) orbital'],
    ['Melvin Twists of global AdS_5 \\times S_5', 'Melvin Twists of global AdS₅ × S₅'],
    ['$10^{-3}$ relative error', '10⁻³ relative error'],
    // Greek, letter styles, operators
    ['the $\\Lambda$CDM Cosmology', 'the ΛCDM Cosmology'],
    ['consistent with {\\Lambda}CDM', 'consistent with ΛCDM'],
    ['Irrationality of $\\zeta(5)$', 'Irrationality of ζ(5)'],
    ['$\\mathcal{U}(\\mathfrak{h})$-finite modules', '𝒰(𝔥)-finite modules'],
    ['the small cap decoupling in $\\mathbb{R}^3$', 'the small cap decoupling in ℝ³'],
    ['From $\\lambda$-connections to $PSL_2(\\mathbb{C})$-opers', 'From λ-connections to PSL₂(ℂ)-opers'],
    ['Almost every set of $N\\ge d+1$ orthogonal states', 'Almost every set of N≥d+1 orthogonal states'],
    ['out to redshift $z \\sim 9$', 'out to redshift z ∼ 9'],
    ['with $\\sim$100 tokens and $\\alpha \\leq 0.5$', 'with ∼100 tokens and α ≤ 0.5'],
    ['Partial wave analysis of J/\\psi \\to \\gamma \\phi \\phi', 'Partial wave analysis of J/ψ → γ ϕ ϕ'],
    ['Measurements of $t\\bar{t}$ with ATLAS', 'Measurements of tt̄ with ATLAS'],
    ['Elastic scattering at $\\sqrt{s} = 13$ TeV', 'Elastic scattering at √s = 13 TeV'],
    ['$\\frac{1}{2}$ and $\\sqrt{n+1}$', '1/2 and √(n+1)'],
    ['an $O(n \\log n)$ algorithm', 'an O(n log n) algorithm'],
    ['Probing flavored $Z^\\prime$ from cosmic bursts', 'Probing flavored Z′ from cosmic bursts'],
    ['Exact Diophantine approximation$\\colon$ the case', 'Exact Diophantine approximation: the case'],
    // text commands
    [
      'We present \\textbf{EvoArena}, a \\textit{dynamic} benchmark \\cite{foo2024}.',
      'We present EvoArena, a dynamic benchmark .',
    ],
    ['See \\url{https://github.com/x/y} and \\emph{more}', 'See https://github.com/x/y and more'],
    ['accuracy of 95\\% on \\mathcal{D}', 'accuracy of 95% on 𝒟'],
    // plain text stays as it is; a lone $ never survives, an escaped one is a dollar
    ['Plain title with no markup', 'Plain title with no markup'],
    ['a file_name here and x^y', 'a file_name here and x^y'],
    ['costs \\$5 per query', 'costs $5 per query'],
    ['an unmatched $ sign', 'an unmatched sign'],
    // TeX's dashes, with or without math in the text
    ['Two--photon exchange corrections', 'Two\u2013photon exchange corrections'],
    ['the Hartree--Fock limit of $H_2$', 'the Hartree\u2013Fock limit of H\u2082'],
    ['over 2010--2020 the rate', 'over 2010\u20132020 the rate'],
    ['a model --- and its data', 'a model \u2014 and its data'],
    ['models---such as ours---fail', 'models\u2014such as ours\u2014fail'],
    ['run it with --help', 'run it with --help'],
    ['x-- and --y', 'x-- and --y'],
  ])('%j -> %j', (input, expected) => {
    const out = latexToText(input);
    expect(out).toBe(expected);
    if (!input.includes('\\$')) expect(out).not.toContain('$');
  });

  it('is applied once in normalize: titles, abstracts and authors of every kind', () => {
    const paper = normalizeEntry(
      rawEntry({
        kind: 'arxiv-rss',
        guid: 'oai:arXiv.org:2411.17000v1',
        title: '$H^3$Fusion: Helpful, Harmless, Honest',
        summary: 'We fuse $N \\geq 3$ models in $\\mathcal{O}(N)$ time.',
        authors: ['Paul Erd\\H{o}s'],
      }),
    );
    expect(paper).toMatchObject({
      title: 'H³Fusion: Helpful, Harmless, Honest',
      summary: 'We fuse N ≥ 3 models in 𝒪(N) time.',
      authors: ['Paul Erdős'],
    });
  });
});
