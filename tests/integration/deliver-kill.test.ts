import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import { makeVariant } from '../unit/deliver/fixtures.js';
import { closeDeliverEnv, EDITION, emailOf, openDeliverEnv, seedEdition } from './deliver-fixture.js';

const SUBSCRIBERS = 150;
const POOL = 3;
const CHILD = path.resolve(import.meta.dirname, '../helpers/send-child.ts');

let dir: string;
let store: Store;
let sink: SmtpSink;
beforeEach(async () => {
  ({ dir, store, sink } = await openDeliverEnv('pp-deliver-kill-'));
});
afterEach(() => closeDeliverEnv({ dir, store, sink }));

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

describe('crash safety', () => {
  it('SIGKILL at random points, restarted until done: everyone gets it, duplicates only in flight', async () => {
    await seedEdition(store, SUBSCRIBERS, makeVariant('daily:*', 20));
    const dbPath = path.join(dir, 'paperpost.db');
    let kills = 0;
    let child: ChildProcess | null = null;
    let killAt = 0;
    // Kill right after the k-th arrival: sends in flight then may have reached the server unrecorded.
    const onArrival = () => {
      if (child && sink.messages.length >= killAt && kills < 8) {
        kills++;
        child.kill('SIGKILL');
        child = null;
      }
    };
    const timer = setInterval(onArrival, 1);
    try {
      for (let round = 0; round < 30; round++) {
        killAt = sink.messages.length + 5 + Math.floor(Math.random() * 25);
        const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, sink.url], {
          cwd: path.resolve(import.meta.dirname, '../..'),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child = proc;
        const exit = await exitOf(proc);
        if (exit.signal === null) {
          expect(exit.stderr).toBe('');
          expect(exit.code).toBe(0);
          break;
        }
      }
    } finally {
      clearInterval(timer);
    }
    expect(kills).toBeGreaterThan(2);
    const counts = await store.ledger.countDeliveries(EDITION);
    expect(counts).toMatchObject({ sent: SUBSCRIBERS, pending: 0, sending: 0, deferred: 0, failed: 0 });
    const rows = await store.ledger.listDeliveries(EDITION, { limit: SUBSCRIBERS });
    let duplicates = 0;
    for (const row of rows) {
      const got = sink.messagesTo(row.email);
      expect(got.length, row.email).toBeGreaterThanOrEqual(1);
      duplicates += got.length - 1;
      // Every copy carries the ledger's Message-ID, so the duplicates are recognisable as such.
      expect(new Set(got.map((m) => m.messageId))).toEqual(new Set([row.messageId]));
    }
    expect(duplicates).toBeLessThanOrEqual(kills * POOL);
    expect(sink.messagesTo(emailOf(SUBSCRIBERS))).not.toHaveLength(0);
  }, 60_000);
});
