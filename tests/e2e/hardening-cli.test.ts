import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, sampleSources, tempProject } from '../helpers/cli.js';

// Regression tests for issue 15 ("Hardening: what a hostile review found"), CLI findings.

const work = tempProject({ sources: sampleSources() }, 'paperpost-hardening-');
const children = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Runs the CLI; a process still running after `timeoutMs` is killed (a server that started). */
function runFor(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 8000,
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

describe('issue 15 item 5: a bad PAPERPOST_BASE_URL is refused at start', () => {
  it.each([
    ['serve', 'ftp://papers.example.org', ['serve', '--port', '0']],
    ['serve', 'https://user:pass@papers.example.org', ['serve', '--port', '0']],
    ['status', 'javascript:alert(1)', ['status']],
    ['status', 'http://papers.example.org/?q=1#x', ['status']],
  ])(
    '%s with %s: exit 2, one line naming the variable',
    async (_name, base, args) => {
      const result = await runFor(args, { PAPERPOST_BASE_URL: base });
      expect(result.killed).toBe(false);
      expect(result.code).toBe(2);
      expect(result.stdout).not.toContain('serving on');
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/PAPERPOST_BASE_URL: an http\(s\) URL/);
    },
    20_000,
  );

  it('accepts an https base URL with a path', async () => {
    const result = await runFor(['status'], { PAPERPOST_BASE_URL: 'https://papers.example.org/digest' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 20_000);
});
