/**
 * Worker-thread entry of `preloadMjml`: loads mjml at once (the ~0.4 s load then overlaps the
 * main thread's work) and compiles the documents it is sent, one message per document.
 */
import { parentPort } from 'node:worker_threads';
import { compileHere, loadMjml } from './mjml-engine.js';

loadMjml();
parentPort?.on('message', (msg: { id: number; source: string }) => {
  compileHere(msg.source).then(
    (output) => parentPort?.postMessage({ id: msg.id, output }),
    (err: unknown) =>
      parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
