import { setThemeChoice, useTheme, type ThemeChoice } from '../lib/theme';

export function ThemeSwitch() {
  const { choice } = useTheme();
  return (
    <label className="theme-switch small muted">
      Theme
      <select value={choice} onChange={(e) => setThemeChoice(e.target.value as ThemeChoice)} data-testid="theme-select">
        <option value="system">System</option><option value="light">Light</option><option value="dark">Dark</option>
      </select>
    </label>
  );
}
