/**
 * What the shipped catalogue's "applied" topics ask of a paper (data/catalogue.json), as tests
 * check it from outside: a category of computing, or a word that says it learns (a few of the
 * catalogue's phrases, by word).
 */
export function ofComputingOrLearns(text: string, categories: readonly string[]): boolean {
  return (
    categories.some((c) => c.startsWith('cs.') || c.startsWith('eess.') || c === 'stat.ML') ||
    /\b(learn\w*|neural|machine-learned|artificial intelligence|AI|data-driven)\b/i.test(text)
  );
}
