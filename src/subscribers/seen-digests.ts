import { createHash } from 'node:crypto';

/**
 * Which addresses (or keys) a file already had, and on which line: an open-addressing table of
 * 48-bit digests in typed arrays, 12-24 bytes per entry where a Map took ~90. Two different
 * values collide with odds of n²/2^49 (1 in 14,000 at a million rows).
 */
export class SeenDigests {
  #digests = new Float64Array(1024);
  #lines = new Uint32Array(1024);
  #size = 0;

  /** The line `value` was first seen on, else records it on `line` and returns undefined. */
  firstSeen(value: string, line: number): number | undefined {
    // 0 marks an empty slot: digests are 1..2^48.
    const digest = createHash('sha1').update(value).digest().readUIntBE(0, 6) + 1;
    const mask = this.#digests.length - 1;
    let slot = digest & mask;
    for (;;) {
      const there = this.#digests[slot];
      if (there === digest) return this.#lines[slot];
      if (there === 0) break;
      slot = (slot + 1) & mask;
    }
    this.#digests[slot] = digest;
    this.#lines[slot] = line;
    this.#size += 1;
    if (this.#size * 2 > this.#digests.length) this.#grow();
    return undefined;
  }

  #grow(): void {
    const digests = this.#digests;
    const lines = this.#lines;
    this.#digests = new Float64Array(digests.length * 2);
    this.#lines = new Uint32Array(digests.length * 2);
    const mask = this.#digests.length - 1;
    for (let i = 0; i < digests.length; i++) {
      const digest = digests[i] ?? 0;
      if (digest === 0) continue;
      let slot = digest & mask;
      while (this.#digests[slot] !== 0) slot = (slot + 1) & mask;
      this.#digests[slot] = digest;
      this.#lines[slot] = lines[i] ?? 0;
    }
  }
}
