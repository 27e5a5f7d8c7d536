import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Reads `.env` of the working folder (what `paperpost init` writes) into `process.env`, once at
 * start: variables already set in the environment win, and empty values stay unset. Returns the
 * names it set. A missing file is fine; so is one that cannot be read (the environment alone).
 */
export function loadDotEnv(cwd: string, env: NodeJS.ProcessEnv): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(cwd, '.env'), 'utf8');
  } catch {
    return [];
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === '' || env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
