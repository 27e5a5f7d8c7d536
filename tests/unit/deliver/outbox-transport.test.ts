import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxTransport, deliveryKey, outboxPath } from '../../../src/deliver/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pp-outbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createOutboxTransport', () => {
  it('writes <edition>/<NNNNNN>-<safe-email>.eml, the envelope sender as Return-Path, and overwrites on a re-send', async () => {
    const outbox = createOutboxTransport(dir);
    const message = {
      key: deliveryKey('daily-2024-01-02', 42),
      from: 'a@x.test',
      to: 'Ada+news@Example.org',
    };
    expect(await outbox.send({ ...message, raw: Buffer.from('first') })).toMatchObject({ ok: true });
    expect(await outbox.send({ ...message, raw: Buffer.from('second') })).toMatchObject({ ok: true });
    const file = outboxPath(dir, message);
    expect(path.relative(dir, file)).toBe(path.join('daily-2024-01-02', '000042-ada+news@example.org.eml'));
    expect(await readFile(file, 'utf8')).toBe('Return-Path: <a@x.test>\r\nsecond');
    // No temporary files left behind.
    expect(await readdir(path.dirname(file))).toEqual(['000042-ada+news@example.org.eml']);
    await outbox.close();
  });

  it('keeps path separators in ids and addresses out of the file name', () => {
    const file = outboxPath(dir, { key: deliveryKey('../../etc', 1), to: 'x/../../y@z.test' });
    expect(path.dirname(path.dirname(file))).toBe(dir);
    expect(path.dirname(outboxPath(dir, { key: '..', to: '../x@z.test' }))).toBe(dir);
    expect(path.dirname(path.dirname(outboxPath(dir, { key: 'a/b/../../c', to: 'y@z.test' })))).toBe(dir);
  });

  it('reports a failed write as temporary', async () => {
    // The outbox folder is a file: every write fails.
    await writeFile(path.join(dir, 'not-a-dir'), 'x');
    const blocked = createOutboxTransport(path.join(dir, 'not-a-dir'));
    const result = await blocked.send({
      key: 'e/2',
      from: 'a@x.test',
      to: 'c@x.test',
      raw: Buffer.from('x'),
    });
    expect(result).toMatchObject({ ok: false, permanent: false });
  });
});
