import { Worker } from 'node:worker_threads';
import type { SendResult, Transport } from './ports.js';
import type { SmtpMailerOptions } from './smtp-mailer.js';
import type { WorkerRequest } from './smtp-worker.js';

interface ThreadHandle {
  worker: Worker;
  inFlight: number;
}

/** Starts `threads` workers, each running a pool with its share of the connections. */
function startThreads(url: string, options: SmtpMailerOptions, threads: number): ThreadHandle[] {
  const here = import.meta.url;
  // From source (tsx, vitest) the worker is a .ts file: load it through tsx's loader. From dist, .js.
  const fromSource = here.endsWith('.ts');
  const entry = new URL(fromSource ? './smtp-worker.ts' : './smtp-worker.js', here);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return Array.from({ length: threads }, (_, i) => {
    const share =
      Math.floor(options.maxConnections / threads) + (i < options.maxConnections % threads ? 1 : 0);
    const workerData = { url, options: { ...options, maxConnections: Math.max(1, share) } };
    const worker = fromSource
      ? new Worker(bootstrap, { eval: true, workerData })
      : new Worker(entry, { workerData });
    return { worker, inFlight: 0 };
  });
}

/**
 * SMTP pools in worker threads: nodemailer's per-byte DATA escaping and the socket writes run
 * beside the ledger and MIME work of the calling thread. Raw bytes are transferred, not copied.
 */
export function createThreadedSmtpTransport(
  url: string,
  options: SmtpMailerOptions,
  threads: number,
): Transport {
  const handles = startThreads(url, options, threads);
  const waiting = new Map<number, (result: SendResult) => void>();
  let nextId = 1;
  for (const handle of handles) {
    handle.worker.on('message', ({ id, result }: { id: number; result: SendResult }) => {
      handle.inFlight--;
      waiting.get(id)?.(result);
      waiting.delete(id);
    });
    handle.worker.on('error', (err) => {
      // A dead worker fails what is in flight as temporary: the rows are retried, never lost.
      for (const resolve of waiting.values()) {
        resolve({ ok: false, permanent: false, code: null, reply: `smtp worker: ${err.message}` });
      }
      waiting.clear();
    });
  }
  return {
    kind: 'smtp',
    concurrency: options.maxConnections,
    send(message) {
      const handle = handles.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      const id = nextId++;
      const raw = message.raw;
      // Transfer the bytes when the Buffer owns its whole ArrayBuffer, else copy them once.
      const owned = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength;
      const bytes = (
        owned ? raw.buffer : raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)
      ) as ArrayBuffer;
      const request: WorkerRequest = { id, from: message.from, to: message.to, raw: bytes };
      handle.inFlight++;
      return new Promise<SendResult>((resolve) => {
        waiting.set(id, resolve);
        handle.worker.postMessage(request, [bytes]);
      });
    },
    async close() {
      await Promise.all(
        handles.map(
          (h) =>
            new Promise<void>((resolve) => {
              h.worker.once('exit', () => resolve());
              h.worker.postMessage('close');
            }),
        ),
      );
    },
  };
}
