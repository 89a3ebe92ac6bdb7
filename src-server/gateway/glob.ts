// Path globs of gateway rules (picomatch, POSIX): `*` one segment, `**` any depth, `{a,b}`, `[abc]`, `?`.
// Compiled once when the rules change; requests only run the resulting regular expressions.
import picomatch from 'picomatch';

// URL paths: forward slashes on every platform (picomatch would read backslashes as separators on Windows).
const OPTIONS: picomatch.PicomatchOptions = { dot: true, strictBrackets: true, nonegate: true, windows: false };
const MAX_GLOB_LENGTH = 512;

export type GlobResult = { ok: true; regex: RegExp; base: string } | { ok: false; error: string };

/** A glob as a matcher, or why it is not one. `base` is its literal leading part (`/functions/v1` for `/functions/v1/**`). */
export function compileGlob(glob: string): GlobResult {
  if (glob.length === 0 || glob.length > MAX_GLOB_LENGTH) return { ok: false, error: `must be 1 to ${MAX_GLOB_LENGTH} characters` };
  if (!glob.startsWith('/')) return { ok: false, error: 'must start with /' };
  if (/[\s\\#]/.test(glob) || [...glob].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return { ok: false, error: 'may not contain spaces, backslashes, # or control characters' };
  if (glob.split('/').some((segment) => segment === '.' || segment === '..')) return { ok: false, error: 'may not contain . or .. segments' };
  try {
    const regex = picomatch.makeRe(glob, OPTIONS);
    const base = picomatch.scan(glob, OPTIONS).base || '/';
    return { ok: true, regex, base: base.startsWith('/') ? base : '/' + base };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** A concrete path the glob matches, for checking it against the route table (`*` and `**` become `x`). */
export function sampleOf(glob: string): string {
  return glob.replace(/\*\*/g, 'x').replace(/\*/g, 'x').replace(/\?/g, 'x').replace(/\{([^,}]*)[^}]*\}/g, '$1').replace(/\[([^\]])[^\]]*\]/g, '$1');
}
