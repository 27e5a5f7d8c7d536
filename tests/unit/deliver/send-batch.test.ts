import { describe, expect, it } from 'vitest';
import type { SentMark } from '../../../src/deliver/index.js';
import { createSentRecorder } from '../../../src/deliver/send-batch.js';

const mark = (id: number): SentMark => ({ id, reply: `250 ${id}`, now: new Date(0), attempt: 1 });

describe('createSentRecorder', () => {
  it('commits the marks of one turn together and resolves each only after that commit', async () => {
    const commits: number[][] = [];
    let committed = false;
    const record = createSentRecorder({
      async markSentMany(marks) {
        commits.push(marks.map((m) => m.id));
        await new Promise((r) => setTimeout(r, 5));
        committed = true;
      },
    });
    const first = [record(mark(1)), record(mark(2)), record(mark(3))];
    const seen = await Promise.all(first.map((p) => p.then(() => committed)));
    expect(seen).toEqual([true, true, true]);
    await record(mark(4));
    expect(commits).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every mark of a group whose commit failed, and later groups start afresh', async () => {
    let fail = true;
    const record = createSentRecorder({
      async markSentMany() {
        if (fail) throw new Error('database is locked');
      },
    });
    const results = await Promise.allSettled([record(mark(1)), record(mark(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(record(mark(3))).resolves.toBeUndefined();
  });
});
