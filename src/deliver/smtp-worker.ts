/** Worker-thread entry of the SMTP transport: runs one nodemailer pool off the main thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { createSmtpMailer, type SmtpMailerOptions } from './smtp-mailer.js';

/** A message handed to the worker; `raw` arrives as a transferred ArrayBuffer. */
export interface WorkerRequest {
  id: number;
  from: string;
  to: string;
  raw: ArrayBuffer;
}

const { url, options } = workerData as { url: string; options: SmtpMailerOptions };
const mailer = createSmtpMailer(url, options);
const port = parentPort!;
port.on('message', (request: WorkerRequest | 'close') => {
  if (request === 'close') {
    mailer.close();
    port.close();
    return;
  }
  void mailer
    .send({ from: request.from, to: request.to, raw: Buffer.from(request.raw) })
    .then((result) => port.postMessage({ id: request.id, result }));
});
