type IdleCallback = (run: () => void, options?: { timeout: number }) => number;

/**
 * Runs `run` when the browser is idle, and at the latest after `timeout` ms; where there is no
 * requestIdleCallback (Safari), after a short delay instead, so the host's own start-up goes first.
 */
export function whenIdle(run: () => void, timeout = 1500): void {
  const idle = (globalThis as { requestIdleCallback?: IdleCallback }).requestIdleCallback;
  if (typeof idle === 'function') idle(run, { timeout });
  else setTimeout(run, 200);
}

/**
 * Resolves in a task of its own, soon: a MessageChannel message, which background tabs do not
 * throttle the way they do timers.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Resolves in a task of its own after the browser's next frame has been produced, so the work that
 * follows starts a frame of its own rather than lengthening the one in progress. A hidden page makes
 * no frames: there, at once (in the next task); a page hidden before that frame, after `fallback` ms
 * (a timer, throttled in a hidden tab, but it fires).
 */
export function afterNextFrame(fallback = 100): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') return nextTask();
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void nextTask().then(resolve);
    };
    const timer = setTimeout(go, fallback);
    requestAnimationFrame(go);
  });
}

/** How much of a frame the queued turns (`inFrameTurn`) may take before the rest wait for the next one. */
const TURN_BUDGET_MS = 12;
const turns: (() => void)[] = [];
let turning = false;

async function takeTurns(): Promise<void> {
  try {
    while (turns.length) {
      await afterNextFrame();
      const start = performance.now();
      turns.shift()!();
      // the next in a task of its own, while this frame has room for it
      while (turns.length && performance.now() - start < TURN_BUDGET_MS) {
        await nextTask();
        turns.shift()!();
      }
    }
  } finally {
    turning = false;
  }
}

/**
 * Runs `work` after the browser's next frame, as `afterNextFrame` does, but in turn with the other
 * work queued here: after a frame, one turn, then the next ones in tasks of their own for as long as
 * they have taken less than TURN_BUDGET_MS since that frame; the rest after the next frame. Several
 * widgets upgraded at once thus do not put all their first renders between the same two frames.
 */
export function inFrameTurn<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    turns.push(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    });
    if (turning) return;
    turning = true;
    void takeTurns();
  });
}
