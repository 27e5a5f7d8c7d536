import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, sampleSources, tempProject } from '../helpers/cli.js';
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.js';

describe('paperpost run over SMTP to a real server on loopback', () => {
  let sink: SmtpSink;
  let dir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    dir = tempProject({
      title: 'Paperpost SMTP Test',
      sources: sampleSources(),
      sender: { fromAddress: 'digest@paperpost.example', listId: 'smtp.paperpost.example' },
      seedSubscribers: [
        { email: 'ada@example.org', frequency: 'daily' },
        { email: 'alan@example.org', frequency: 'daily', topics: ['agents'] },
      ],
      topics: [{ slug: 'agents', label: 'LLM agents', keywords: ['agent', 'agents'] }],
    });
  });

  afterAll(async () => {
    await sink.close();
  });

  it('delivers the edition once to each subscriber with a text part and list headers', async () => {
    const result = await runCli(['run', '--json'], { cwd: dir, env: { SMTP_URL: sink.url } });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.delivery.sent).toBe(2);
    expect(summary.ledger.variants).toEqual(expect.arrayContaining(['daily:*', 'daily:agents']));

    expect(sink.messagesTo('ada@example.org')).toHaveLength(1);
    expect(sink.messagesTo('alan@example.org')).toHaveLength(1);
    const ada = await sink.messagesTo('ada@example.org')[0]!.parse();
    const alan = await sink.messagesTo('alan@example.org')[0]!.parse();
    expect(ada.subject).toContain('Paperpost SMTP Test');
    expect(ada.text?.length ?? 0).toBeGreaterThan(500);
    expect(String(ada.html)).toContain('<html');
    // The agents-only subscriber gets the agents section only: a shorter letter.
    expect(String(alan.html).length).toBeLessThan(String(ada.html).length);
    expect(String(alan.html)).toContain('LLM agents');
    // Message-ID is the ledger's, distinct per delivery.
    expect(ada.messageId).not.toBe(alan.messageId);
    expect(ada.messageId).toMatch(/^<2\d{3}-\d\d-\d\d-daily\.\d+@paperpost\.example>$/);
  }, 60_000);

  it('a second run sends nothing again', async () => {
    const before = sink.messages.length;
    const result = await runCli(['run', '--json'], { cwd: dir, env: { SMTP_URL: sink.url } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).status).toBe('skipped');
    expect(sink.messages.length).toBe(before);
  }, 60_000);
});
