import { describe, expect, it, vi } from 'vitest';
import { desktopConfigOverrides, isExternalNavigation, startFailureMessage } from './shell-logic.js';
import { createQuitCoordinator } from './quit.js';

describe('Electron shell logic', () => {
  it('logs to a file unless TRESTLE_LOG says otherwise', () => {
    expect(desktopConfigOverrides({})).toEqual({ logTarget: 'file' });
    expect(desktopConfigOverrides({ TRESTLE_LOG: 'stdout' })).toEqual({});
  });

  it('sends only foreign origins to the system browser', () => {
    expect(isExternalNavigation('http://127.0.0.1:8787/api/docs', 'http://127.0.0.1:8787')).toBe(false);
    expect(isExternalNavigation('https://www.postgresql.org/docs/', 'http://127.0.0.1:8787')).toBe(true);
    expect(isExternalNavigation('not a url', 'http://127.0.0.1:8787')).toBe(false);
  });

  it('explains a port conflict in the error dialog', () => {
    const msg = startFailureMessage(new Error('API port 8787 is already in use. Stop whatever is listening there or set TRESTLE_PORT to another port.'));
    expect(msg).toContain('TRESTLE_PORT');
    expect(msg).toContain('Another program');
  });

  it('stops the stack once before quitting, then lets the quit through', async () => {
    const stop = vi.fn(() => new Promise<void>((r) => setTimeout(r, 10)));
    const exit = vi.fn();
    const q = createQuitCoordinator(stop, exit);
    const e1 = { preventDefault: vi.fn() };
    const e2 = { preventDefault: vi.fn() };
    q.onBeforeQuit(e1);
    q.onBeforeQuit(e2);
    expect(e1.preventDefault).toHaveBeenCalled();
    expect(e2.preventDefault).toHaveBeenCalled();
    await new Promise((r) => setTimeout(r, 30));
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
    const e3 = { preventDefault: vi.fn() };
    q.onBeforeQuit(e3);
    expect(e3.preventDefault).not.toHaveBeenCalled();
  });
});
