/** Drains the transactional mail queue in the background of a web process. */
export interface MailQueueRunner {
  /** Drain soon (a request just queued a mail). */
  kick(): void;
  /** Stop the timer and wait for a drain in progress. */
  stop(): Promise<void>;
}

export interface MailQueueRunnerOptions {
  /** Poll interval: mails queued by other replicas, and retries coming due (default 5 s). */
  intervalMs?: number;
  /** Told when a drain throws (the store is away); the next tick tries again. */
  onError?: (err: unknown) => void;
}

/**
 * Runs `drain` after each kick and every `intervalMs`, one drain at a time (a kick during a
 * drain runs one more after it). The page that queued a mail never waits for it.
 */
export function startMailQueueRunner(
  drain: () => Promise<unknown>,
  options: MailQueueRunnerOptions = {},
): MailQueueRunner {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .then(
        () => undefined,
        (err: unknown) => options.onError?.(err),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.intervalMs ?? 5000);
  timer.unref();
  run(); // whatever waited while no process drained
  return {
    kick: () => setImmediate(run),
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
