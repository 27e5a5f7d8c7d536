/**
 * Worker-thread entry of `preloadMjml`: loads mjml at once (the ~0.4 s load then overlaps the
 * main thread's work), compiles a small document so the first real compile runs warm, and then
 * compiles the documents it is sent, one message per document.
 */
import { parentPort } from 'node:worker_threads';
import { compileHere, loadMjml } from './mjml-engine.js';

const SECTION = `<mj-section background-color="#fff" css-class="c" padding="1px 0"><mj-column>
<mj-text>x</mj-text><mj-button href="https://example.invalid/">b</mj-button></mj-column></mj-section>
<mj-section padding="0 0 1px"><mj-column></mj-column></mj-section>`;

/** The components the templates use, a few times over, so their code is optimised before the digest arrives. */
const WARM_UP = `<mjml><mj-head><mj-title>t</mj-title><mj-attributes><mj-all font-family="Arial" />
<mj-text padding="0" /><mj-section padding="0" /></mj-attributes><mj-style>.a { color: red; }</mj-style>
</mj-head><mj-body width="600px" css-class="b"><mj-raw><div>p</div></mj-raw>${SECTION.repeat(8)}</mj-body></mjml>`;

loadMjml();
const warm = compileHere(WARM_UP)
  .then(() => compileHere(WARM_UP))
  .catch(() => undefined);
parentPort?.on('message', (msg: { id: number; source: string }) => {
  warm
    .then(() => compileHere(msg.source))
    .then(
      (output) => parentPort?.postMessage({ id: msg.id, output }),
      (err: unknown) =>
        parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) }),
    );
});
