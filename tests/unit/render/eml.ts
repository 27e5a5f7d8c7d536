import nodemailer from 'nodemailer';

/** What a test may change in the built message. */
export interface EmlOptions {
  headers?: Record<string, string>;
  /** Leave out the list headers (to see the check fail). */
  withoutListHeaders?: boolean;
  messageId?: string;
  html?: string | false;
  text?: string | false;
}

/**
 * Build a digest .eml the way the deliver stage does (nodemailer streamTransport, unix newlines)
 * with the headers mail providers expect of a list.
 */
export async function buildEml(
  mail: { subject: string; html: string; text: string },
  options: EmlOptions = {},
): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const listHeaders: Record<string, string | { prepared: boolean; value: string }> =
    options.withoutListHeaders
      ? {}
      : {
          'List-Unsubscribe': {
            prepared: true,
            value:
              '<https://paperpost.example/u/tok123>, <mailto:unsubscribe@paperpost.example?subject=unsubscribe>',
          },
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': 'Paperpost <paperpost.example>',
        };
  const info = await transport.sendMail({
    from: { name: 'Paperpost', address: 'digest@paperpost.example' },
    to: 'ada@example.org',
    subject: mail.subject,
    ...(options.text === false ? {} : { text: options.text ?? mail.text }),
    ...(options.html === false ? {} : { html: options.html ?? mail.html }),
    messageId: options.messageId ?? '<daily-2026-06-12.1@paperpost.example>',
    date: new Date('2026-06-12T08:00:00Z'),
    headers: { ...listHeaders, ...(options.headers ?? {}) },
  });
  return info.message as Buffer;
}
