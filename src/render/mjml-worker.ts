/**
 * Worker-thread entry of `preloadMjml`: loads mjml at once (bundled into this file; the load then
 * overlaps the main thread's work), compiles a small document so the first real compile runs
 * warm, and answers requests: a compile per MJML document.
 */
import { parentPort } from 'node:worker_threads';
import mjml2html from 'mjml';
import { compileHere, useMjml, type WorkerReply, type WorkerRequest } from './mjml-engine.js';

const SECTION = `<mj-section background-color="#fff" css-class="c" padding="1px 0"><mj-column>
<mj-text>x</mj-text><mj-button href="https://example.invalid/">b</mj-button></mj-column></mj-section>
<mj-section padding="0 0 1px"><mj-column></mj-column></mj-section>`;

/** The components the templates use, a few times over, so their code is optimised before the digest arrives. */
const WARM_UP = `<mjml><mj-head><mj-title>t</mj-title><mj-attributes><mj-all font-family="Arial" />
<mj-text padding="0" /><mj-section padding="0" /></mj-attributes><mj-style>.a { color: red; }</mj-style>
</mj-head><mj-body width="600px" css-class="b"><mj-raw><div>p</div></mj-raw>${SECTION.repeat(8)}</mj-body></mjml>`;

// Imported statically so that the build bundles mjml into this file (see esbuild.config.mjs).
useMjml(mjml2html);
const warmUp = { source: WARM_UP, filePath: 'warm-up.mjml', includePath: '' };
const warm = compileHere(warmUp)
  .then(() => compileHere(warmUp))
  .catch(() => undefined);

async function answer(msg: WorkerRequest): Promise<WorkerReply> {
  return { id: msg.id, output: await compileHere(msg.input) };
}

parentPort?.on('message', (msg: WorkerRequest) => {
  warm
    .then(() => answer(msg))
    .then(
      (reply) => parentPort?.postMessage(reply),
      (err: unknown) =>
        parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
