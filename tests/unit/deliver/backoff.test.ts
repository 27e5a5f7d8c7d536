import { describe, expect, it } from 'vitest';
import { classifySmtpError, createSendPacer } from '../../../src/deliver/index.js';

describe('classifySmtpError', () => {
  it.each([
    [{ responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 No such user' }, true, 550],
    [{ responseCode: 554, command: 'DATA', response: '554 rejected' }, true, 554],
    [{ responseCode: 451, command: 'RCPT TO', response: '451 try later' }, false, 451],
    [{ responseCode: 421, command: 'DATA', response: '421 busy' }, false, 421],
    [{ responseCode: 530, command: 'MAIL FROM', response: '530 auth required' }, false, 530],
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, false, null],
    [{ code: 'ETIMEDOUT', message: 'Timeout' }, false, null],
  ])('%j -> permanent %s', (err, permanent, code) => {
    expect(classifySmtpError(err)).toMatchObject({ ok: false, permanent, code });
  });
});

describe('createSendPacer', () => {
  it('halves on slow-down, never below the floor, and recovers after a run of successes', () => {
    const limiter = createSendPacer({ perSecond: 100, minPerSecond: 10 });
    limiter.slowDown();
    expect(limiter.perSecond).toBe(50);
    for (let i = 0; i < 10; i++) limiter.slowDown();
    expect(limiter.perSecond).toBe(10);
    for (let i = 0; i < 50; i++) limiter.recordSuccess();
    expect(limiter.perSecond).toBe(12.5);
  });

  it('paces by the clock: a burst, then one slot per interval', async () => {
    let now = 1_000_000;
    const limiter = createSendPacer({ perSecond: 10 }, () => now);
    // 100 ms interval, 100 ms burst tolerance: two immediate slots, the third must wait.
    expect(await limiter.acquire()).toBe(true);
    expect(await limiter.acquire()).toBe(true);
    const controller = new AbortController();
    const pending = limiter.acquire(controller.signal);
    controller.abort();
    expect(await pending).toBe(false);
    now += 200;
    expect(await limiter.acquire()).toBe(true);
  });

  it('an hourly cap blocks until the window turns', async () => {
    let now = 5_000_000;
    const limiter = createSendPacer({ perSecond: 1000, hourlyCap: 2 }, () => now);
    expect(await limiter.acquire()).toBe(true);
    now += 10;
    expect(await limiter.acquire()).toBe(true);
    const controller = new AbortController();
    const third = limiter.acquire(controller.signal);
    controller.abort();
    expect(await third).toBe(false);
  });
});
