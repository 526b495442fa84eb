/**
 * The known name a mistyped one most likely meant (`domian` → `domain`,
 * `chta` → `chat`), by edit distance (fastest-levenshtein), or undefined when
 * none is close: at most half the typed name's length apart (2 for a short
 * one; a swap of two letters counts 2), and fewer edits than it has letters,
 * or else the only known name it is the start of (`check` → `checkpoints`).
 */
import { distance } from 'fastest-levenshtein';

export function nearest(typed: string, known: Iterable<string>): string | undefined {
  const names = [...new Set(known)];
  const lower = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of names) {
    const d = distance(lower, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  if (best !== undefined && best !== typed && bestDistance <= Math.max(2, Math.floor(typed.length / 2)) && bestDistance < typed.length) return best;
  const extending = lower.length >= 3 ? names.filter((n) => n.toLowerCase().startsWith(lower)) : [];
  return extending.length === 1 ? extending[0] : undefined;
}
