import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** V8's full collection, made callable once (`--expose-gc` set at run time); null where refused. */
function fullCollection(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Keeps a long send's memory flat: every `every` messages, one full garbage collection (~10-30 ms,
 * against the seconds those messages took). Finished batch rows and closed pool connections live
 * long enough to reach V8's old generation, which V8 collects only once it has grown a lot: a
 * 100k send would otherwise peak well above a 10k one for garbage alone.
 */
export function createHeapKeeper(
  every = 10_000,
  collectNow: () => void = () => fullCollection()?.(),
): (messages: number) => void {
  let since = 0;
  return (messages) => {
    since += messages;
    if (since < every) return;
    since = 0;
    collectNow();
  };
}

/** Whether this process can run a full collection on demand (see {@link createHeapKeeper}). */
export function canCollect(): boolean {
  return fullCollection() !== null;
}
