// "Perhaps you meant …" hints. Names of tables, functions, relationships and argument lists are matched as PostgREST
// matches them (a fuzzy set: character n-gram cosine similarity picks candidates, normalised Levenshtein similarity
// scores them). Written here because the JavaScript fuzzyset package carries a non-commercial licence.

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** Lower case, only letters, digits, spaces and commas (so `get_messages` and `getmessages` are the same). */
const normalise = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}\s,]/gu, '');

function grams(s: string, size: number): Map<string, number> {
  const padded = `-${s}-`;
  const out = new Map<string, number>();
  for (let i = 0; i + size <= padded.length; i++) {
    const g = padded.slice(i, i + size);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));

/** Candidates sharing n-grams of one size with the query, best 50 by cosine, rescored by edit similarity. */
function scoreBySize(query: string, candidates: string[], size: number, minScore: number): Array<[number, string]> {
  const q = grams(query, size);
  const qNorm = norm(q);
  const byCosine: Array<[number, string]> = [];
  for (const c of candidates) {
    const v = grams(c, size);
    let dot = 0;
    for (const [g, n] of q) dot += n * (v.get(g) ?? 0);
    if (dot > 0) byCosine.push([dot / (qNorm * norm(v)), c]);
  }
  return byCosine
    .sort((a, b) => b[0] - a[0])
    .slice(0, 50)
    .map(([, c]): [number, string] => [1 - levenshtein(c, query) / Math.max(c.length, query.length), c])
    .filter(([score]) => score >= minScore)
    .sort((a, b) => b[0] - a[0]);
}

/** Every candidate at least `minScore` similar to `name`, best first; an exact match (after normalising) alone scores 1. */
export function fuzzyMatches(name: string, candidates: Iterable<string>, minScore = 0.33): Array<{ score: number; name: string }> {
  if (name.length > 200) return [];
  const byNormal = new Map<string, string>();
  for (const c of candidates) if (!byNormal.has(normalise(c))) byNormal.set(normalise(c), c);
  const query = normalise(name);
  const exact = byNormal.get(query);
  if (exact !== undefined) return [{ score: 1, name: exact }];
  for (const size of [3, 2]) {
    const found = scoreBySize(query, [...byNormal.keys()], size, minScore);
    if (found.length > 0) return found.map(([score, n]) => ({ score, name: byNormal.get(n)! }));
  }
  return [];
}

/** The best fuzzy match, or undefined when none is at least `minScore` similar. */
export const fuzzyBest = (name: string, candidates: Iterable<string>, minScore = 0.33): string | undefined =>
  fuzzyMatches(name, candidates, minScore)[0]?.name;

/** The closest column name to a misspelt one (edit distance < 3), as PostgreSQL's own 42703 hint. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > 200) return undefined;
  let best: string | undefined;
  let bestScore = 3;
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) >= bestScore) continue;
    const d = levenshtein(name.toLowerCase(), c.toLowerCase());
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}
