// Light and dark themes: follow the system unless the user picked one (kept in localStorage). The resolved theme
// is set as data-theme on <html>, where the CSS variables switch.
import { useNotified } from './use-notified';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'trestle.theme';
const listeners = new Set<() => void>();
const media = window.matchMedia('(prefers-color-scheme: dark)');

export function themeChoice(): ThemeChoice {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function resolvedTheme(): 'light' | 'dark' {
  const c = themeChoice();
  return c === 'system' ? (media.matches ? 'dark' : 'light') : c;
}

function apply() {
  document.documentElement.dataset.theme = resolvedTheme();
  listeners.forEach((l) => l());
}

export function setThemeChoice(c: ThemeChoice): void {
  if (c === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, c);
  apply();
}

media.addEventListener('change', apply);
apply();

export function useTheme(): { choice: ThemeChoice; theme: 'light' | 'dark' } {
  useNotified(listeners);
  return { choice: themeChoice(), theme: resolvedTheme() };
}
