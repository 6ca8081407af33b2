/**
 * One AbortController that aborts when any of the given signals does (AbortSignal.any is missing in
 * some runtimes we support). `dispose` detaches the listeners so long-lived signals do not leak.
 */
export function linkedController(...signals: Array<AbortSignal | undefined>): {
  controller: AbortController;
  dispose(): void;
} {
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }
  return { controller, dispose: () => cleanups.forEach((c) => c()) };
}
