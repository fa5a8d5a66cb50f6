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
