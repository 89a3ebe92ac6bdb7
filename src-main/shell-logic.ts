// Decisions the Electron shell makes, kept free of Electron so they are unit-tested in plain Node.
import type { TrestleConfig } from '../src-server/config.js';

/** The desktop app logs to a file in the data directory, not to a console nobody sees. */
export function desktopConfigOverrides(env: NodeJS.ProcessEnv): Partial<TrestleConfig> {
  return env.TRESTLE_LOG ? {} : { logTarget: 'file' };
}

/** Links to anything but the local dashboard open in the system browser. */
export function isExternalNavigation(target: string, dashboardOrigin: string): boolean {
  try {
    return new URL(target).origin !== new URL(dashboardOrigin).origin;
  } catch {
    return false;
  }
}

export function startFailureMessage(err: Error): string {
  const lines = [err.message];
  if (/port \d+ is already in use/i.test(err.message)) {
    lines.push('', 'Another program (or another Trestle) is using that port. Quit it, or start Trestle with a different port.');
  } else if (/already using the data directory/i.test(err.message)) {
    lines.push('', 'Trestle is already running. Use the open window.');
  } else {
    lines.push('', 'Details are in the log files in the Trestle data directory (logs/).');
  }
  return lines.join('\n');
}
