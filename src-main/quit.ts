// On quit, stop the stack (Postgres gets a clean shutdown) before the process exits; ask only once.
export interface QuitEvent {
  preventDefault(): void;
}

export function createQuitCoordinator(stop: () => Promise<void>, exit: () => void) {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  return {
    onBeforeQuit(event: QuitEvent): void {
      if (state === 'stopped') return;
      event.preventDefault();
      if (state === 'stopping') return;
      state = 'stopping';
      stop().catch(() => undefined).finally(() => {
        state = 'stopped';
        exit();
      });
    },
    get state() {
      return state;
    },
  };
}
