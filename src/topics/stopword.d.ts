// stopword 3.x ships no types; only the list we use is declared.
declare module 'stopword' {
  /** English stopwords, lowercase. */
  export const eng: string[];
}
