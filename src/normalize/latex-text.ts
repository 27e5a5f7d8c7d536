import {
  ABBREVIATIONS,
  ACCENTS,
  DROPPED,
  ESCAPED,
  isLetterStyle,
  MATH_ACCENTS,
  PASS_THROUGH,
  SPACES,
  SUBSCRIPT,
  SUPERSCRIPT,
  SYMBOLS,
  styleLetters,
} from './latex-symbols.js';

/** Text that may hold LaTeX: a math delimiter, a command, or a script after a letter (`τ_0`). */
const MAY_HOLD_LATEX = /[$\\]|[\p{L}\p{N})][_^][{\d]/u;
/**
 * A character {@link MAY_HOLD_LATEX} needs, looked for first: most titles, abstracts and author
 * names have none, and an ASCII class scans a 1,500-item feed several times faster than the
 * Unicode one (about 10 ms of a run's main thread).
 */
const LATEX_CHAR = /[$\\_^]/;

/** A script (`^` or `_`) outside math only after a letter, digit or `)` and before a digit or group. */
const TEXT_SCRIPT_BEFORE = /[\p{L}\p{N})\u2070-\u209f]$/u;

type Mode = 'text' | 'math';

/** Characters {@link Reader} treats as plain in every mode (it returns them as they are). */
const PLAIN_RUN = /[^{}\\$^_~]+/y;

/** TeX's dashes between words or numbers, or between spaces: `---` an em dash, `--` an en dash. */
const EM_DASH = /(?<=[\p{L}\p{N}])---(?=[\p{L}\p{N}])|(?<= )---(?= )/gu;
const EN_DASH = /(?<=[\p{L}\p{N}])--(?=[\p{L}\p{N}])|(?<= )--(?= )/gu;

/**
 * TeX's dashes as the characters they typeset: "two--photon exchange", "pages 10--20", "the
 * model --- and its data" (arXiv titles and abstracts are TeX). A `--` anywhere else ("--help",
 * "<!--") is kept.
 */
function texDashes(text: string): string {
  return text.replace(EM_DASH, '\u2014').replace(EN_DASH, '\u2013');
}

/**
 * What a dropped command (`\cite{x}`, `\ref{y}`) leaves, so that brackets it leaves empty go
 * with it: "FEGA (\citealt{c})," reads "FEGA,".
 */
const GONE = '\u0000';
const EMPTIED = /\s*\(\s*\u0000\s*\)|\s*\[\s*\u0000\s*\]|\u0000/g;

/** One visible character: a letter, mark, digit, punctuation, symbol or space. */
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

/** TeX's infix fractions: `\over`, `\atop`, not `\overline` nor `\atopwithdelims`. */
const INFIX = /^\\(over|atop)(?![A-Za-z])/;

/**
 * A small LaTeX reader over one string: math in `$...$`, `$$...$$`, `\(...\)`, groups, commands,
 * accents and scripts. It never fails: anything it does not know is kept as plain text.
 */
class Reader {
  i = 0;
  constructor(readonly s: string) {}

  /** Converted text up to the end, or up to an unmatched `}` / the given closing delimiter. */
  run(mode: Mode, close?: string): string {
    let out = '';
    let infix: ((bottom: string) => string) | undefined;
    while (this.i < this.s.length) {
      if (close !== undefined && this.s.startsWith(close, this.i)) {
        this.i += close.length;
        return infix === undefined ? out : infix(out);
      }
      // Plain characters are copied as they are, a run at a time (a closing delimiter starts
      // with a special character, so none hides in a run).
      PLAIN_RUN.lastIndex = this.i;
      if (PLAIN_RUN.test(this.s)) {
        out += this.s.slice(this.i, PLAIN_RUN.lastIndex);
        this.i = PLAIN_RUN.lastIndex;
        continue;
      }
      const c = this.s[this.i] as string;
      if (c === '}') {
        if (close === '}') {
          this.i++;
          return infix === undefined ? out : infix(out);
        }
        this.i++;
        continue;
      }
      // TeX's own fractions split the group they stand in: `{1 \over 2}` is 1/2, `{n \atop k}`
      // the binomial "n choose k".
      const primitive = c === '\\' ? INFIX.exec(this.s.slice(this.i, this.i + 6))?.[1] : undefined;
      if (primitive !== undefined && infix === undefined) {
        this.i += primitive.length + 1;
        const top = out;
        infix = (bottom) =>
          primitive === 'over' ? `${wrap(top)}/${wrap(bottom)}` : `${top.trim()} choose ${bottom.trim()}`;
        out = '';
        continue;
      }
      out += this.step(mode, out);
    }
    return infix === undefined ? out : infix(out);
  }

  private step(mode: Mode, before: string): string {
    const c = this.s[this.i] as string;
    if (c === '{') {
      this.i++;
      return this.run(mode, '}');
    }
    if (c === '\\') return this.command(mode);
    if (c === '$') return this.math();
    if ((c === '^' || c === '_') && this.isScript(mode, before)) {
      this.i++;
      return script(this.argument('math'), c === '^' ? SUPERSCRIPT : SUBSCRIPT, c);
    }
    if (mode === 'math' && c === '~') {
      this.i++;
      return ' ';
    }
    this.i++;
    return c;
  }

  private isScript(mode: Mode, before: string): boolean {
    if (mode === 'math') return true;
    const next = this.s[this.i + 1] ?? '';
    return TEXT_SCRIPT_BEFORE.test(before) && (/\d/.test(next) || next === '{' || next === '\\');
  }

  /** `$...$` or `$$...$$`; a `$` without its closing one is dropped. */
  private math(): string {
    const double = this.s.startsWith('$$', this.i);
    const delimiter = double ? '$$' : '$';
    const end = this.s.indexOf(delimiter, this.i + delimiter.length);
    this.i += delimiter.length;
    if (end < 0) return '';
    const inner = new Reader(this.s.slice(this.i, end)).run('math');
    this.i = end + delimiter.length;
    return inner.replace(/\s+/g, ' ').trim();
  }

  /** One argument: a group, a command, or one character (leading spaces skipped). */
  argument(mode: Mode): string {
    while (this.s[this.i] === ' ') this.i++;
    const c = this.s[this.i];
    if (c === undefined) return '';
    if (c === '{') {
      this.i++;
      return this.run(mode, '}');
    }
    if (c === '\\') return this.command(mode);
    this.i++;
    return c;
  }

  /** Skips `[...]` (an optional argument). */
  private optional(): void {
    if (this.s[this.i] !== '[') return;
    const end = this.s.indexOf(']', this.i);
    if (end > 0) this.i = end + 1;
  }

  private command(mode: Mode): string {
    const spaced = /\s/.test(this.s[this.i - 1] ?? '');
    this.i++; // the backslash
    const letters = /^[A-Za-z]+/.exec(this.s.slice(this.i, this.i + 40))?.[0];
    const name = letters ?? this.s[this.i] ?? '';
    this.i += name.length;
    if (name === '') return '';
    if (name === '(' || name === '[') return this.run('math', name === '(' ? '\\)' : '\\]');
    if (name === '\\') return ' ';
    if (name in ESCAPED) return ESCAPED[name] as string;
    if (mode === 'text' && Object.hasOwn(ABBREVIATIONS, name)) return ABBREVIATIONS[name] as string;
    if (name in SPACES) return SPACES[name] as string;
    // Text accents: `\'e`, `\"{o}`, `\c{c}`, `\H{o}`, `\u{\i}`.
    const accent = ACCENTS[name];
    if (accent !== undefined && !(mode === 'math' && name in MATH_ACCENTS)) {
      return withMark(this.argument('text'), accent);
    }
    const mathAccent = MATH_ACCENTS[name];
    if (mathAccent !== undefined) return withMark(this.argument('math'), mathAccent);
    if (isLetterStyle(name)) return styleLetters(name, this.argument(mode));
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const top = this.argument(mode);
      const bottom = this.argument(mode);
      return `${wrap(top)}/${wrap(bottom)}`;
    }
    // An operator's name (`\operatorname{char}k`) is a word: a space before the letter after it.
    if (name === 'operatorname') {
      if (this.s[this.i] === '*') this.i++;
      const word = this.argument(mode);
      return /[\p{L}\p{N}]/u.test(this.s[this.i] ?? '') ? `${word} ` : word;
    }
    // `\unicode{x2013}` (MathJax) is the character it numbers.
    if (name === 'unicode') {
      const code = /^\s*(?:x([0-9a-f]+)|(\d+))\s*$/i.exec(this.argument('text'));
      const point = code ? Number.parseInt(code[1] ?? code[2] ?? '', code[1] ? 16 : 10) : Number.NaN;
      const char = Number.isInteger(point) && point <= 0x10ffff ? String.fromCodePoint(point) : '';
      // Never a control, format (bidi) or unassigned character: the text was sanitized before.
      return VISIBLE.test(char) ? char : '';
    }
    // siunitx: `\SI{100}{\micro\meter}` is the number and its unit, `\num{5}` the number.
    if (name === 'SI' || name === 'qty') {
      const value = this.argument('text').trim();
      const unit = this.argument(mode).trim();
      return unit === '' ? value : `${value} ${unit}`;
    }
    if (name === 'num' || name === 'si' || name === 'unit') return this.argument(mode).trim();
    // `\not\equiv`: the relation struck through (NFC makes ≢ of it).
    if (name === 'not') {
      const relation = this.argument(mode);
      return relation === '' ? '' : `${relation}\u0338`;
    }
    if (name === 'binom' || name === 'dbinom' || name === 'tbinom') {
      const n = this.argument(mode);
      const k = this.argument(mode);
      return `(${n.trim()} choose ${k.trim()})`;
    }
    // A symbol set above or below another (`\underset{r=1}{\underbrace{1,2,...}}`): the base.
    if (name === 'underset' || name === 'overset' || name === 'stackrel') {
      this.argument(mode);
      return this.argument(mode);
    }
    if (name === 'sqrt') {
      this.optional();
      return `√${wrap(this.argument(mode))}`;
    }
    if (name === 'href') {
      this.argument('text');
      return this.argument('text');
    }
    if (name === 'begin' || name === 'end' || DROPPED.has(name)) {
      this.optional();
      if (this.s[this.i] === '{') this.argument('text');
      return DROPPED.has(name) ? GONE : '';
    }
    if (name === 'left' || name === 'right') {
      if (this.s[this.i] === '.') this.i++;
      return '';
    }
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      // `a \times b` keeps its spaces, `N\ge d` stays tight; a word (log) keeps one before a letter.
      if (letters && !spaced && !this.s.slice(this.i).trimStart().startsWith('\\')) this.skipSpaces();
      return /^[a-z]/i.test(symbol) && /[\p{L}\p{N}]/u.test(this.s[this.i] ?? '') ? `${symbol} ` : symbol;
    }
    if (PASS_THROUGH.has(name)) {
      if (letters) this.skipSpaces();
      return this.s[this.i] === '{' ? this.argument(mode) : '';
    }
    // Unknown command: its name is the best plain text left (`\ZZ` -> ZZ).
    if (letters) this.skipSpaces();
    return name;
  }

  private skipSpaces(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
}

/** Argument in parentheses unless it is one symbol or a plain number/word. */
function wrap(text: string): string {
  const t = text.trim();
  return /^[\p{L}\p{N}.]+$/u.test(t) || Array.from(t).length <= 1 ? t : `(${t})`;
}

/** A combining mark after the first character of `text` (NFC composes é, ö, ç...). */
function withMark(text: string, mark: string): string {
  const chars = Array.from(text);
  if (chars.length === 0) return mark.trim();
  // Accents go on the dotted letter (`\u{\i}` is ĭ, not ı̆).
  const first = chars[0] === 'ı' ? 'i' : chars[0] === 'ȷ' ? 'j' : chars[0];
  return `${first}${mark}${chars.slice(1).join('')}`;
}

/** Scripts in Unicode when every character has a form, else `^x` / `_(xy)` as plain text. */
function script(text: string, table: Map<string, string>, sign: string): string {
  const t = text.trim();
  const chars = Array.from(t);
  if (chars.length > 0 && chars.every((c) => table.has(c))) {
    return chars.map((c) => table.get(c)).join('');
  }
  return chars.length <= 1 ? `${sign}${t}` : `${sign}(${t})`;
}

/** A `\times` between two numbers whose backslash was lost: "2times2", "3times3times3". */
const LOST_TIMES = /(\d)times(?=\d)/g;

/**
 * Readable Unicode text of a title or abstract that may hold LaTeX: `$H^3$Fusion` -> H³Fusion,
 * `τ_0-VLA` -> τ₀-VLA, `$J_1$-$J_2$` -> J₁-J₂, `pr\'esidents` -> présidents, `$\mathbb{R}^d$`
 * -> ℝᵈ, `\textit{x}` -> x, `$\sim$` -> ∼. Scripts without a Unicode form fall back to `^(...)`;
 * math delimiters never survive. Text without LaTeX comes back unchanged.
 */
export function latexToText(input: string): string {
  let text = input.includes('--') ? texDashes(input) : input;
  // `$2\times2$` with its backslash and dollars lost upstream (Hugging Face's summaries): "2times2".
  if (text.includes('times')) text = text.replace(LOST_TIMES, '$1×');
  if (!LATEX_CHAR.test(text) || !MAY_HOLD_LATEX.test(text)) return text;
  return new Reader(text)
    .run('text')
    .replace(EMPTIED, '')
    .normalize('NFC')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
