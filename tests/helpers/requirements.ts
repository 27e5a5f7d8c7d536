import { existsSync } from 'node:fs';
import { describe } from 'vitest';

/**
 * `describe` for tests that need a real outside part (Chromium, PostgreSQL, Postfix,
 * SpamAssassin). Where it is missing the suite is skipped with a one-line reason; under
 * PAPERPOST_REQUIRE_ALL=1 (set by .ci/run, which installs everything) a missing part fails instead.
 */
export function describeWith(available: boolean, reason: string, title: string, fn: () => void): void {
  if (available) {
    describe(title, fn);
  } else if (process.env.PAPERPOST_REQUIRE_ALL) {
    describe(title, () => {
      throw new Error(`${reason}, but PAPERPOST_REQUIRE_ALL is set: CI must provide it`);
    });
  } else {
    describe.skip(`${title} (skipped: ${reason})`, fn);
  }
}

export const hasChromium = existsSync('/usr/bin/chromium');

/** Debian's Chromium, headless, with no background traffic (this machine has no network). */
export async function launchChromium(): Promise<import('playwright-core').Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
