/**
 * Generated training text never holds a key: each line of a model's reply
 * that looks like one (lib/foundation/secret-shape.ts) is replaced by a marker naming
 * the rule before the reply is cached or read, so no key reaches the answer
 * cache, the sidecar or a training file, and a resumed run rejects the same
 * lines for the same reason.
 */
import { keyShapeIn } from '../foundation/secret-shape.ts';

const MARKER = /^\[a line shaped like a key was removed: (.+)\]$/;
/** A list item's number or bullet, kept so the reply's lines keep their places. */
const LEAD = /^\s*(?:\(?\d{1,3}[.)]\s+|[-*•]\s+)?/;

/** `reply` with every key-shaped line replaced by a marker that says why (never the line). */
export function withoutKeyShapedLines(reply: string): string {
  return reply
    .split(/(\r?\n)/)
    .map((part, i) => {
      const why = i % 2 === 0 ? keyShapeIn(part) : null;
      return why === null ? part : `${LEAD.exec(part)![0]}[a line shaped like a key was removed: ${why}]`;
    })
    .join('');
}

/** Why a proposed line is refused as key-shaped (it holds a key shape, or is the marker of one), or null. */
export function keyShapedLine(line: string): string | null {
  return keyShapeIn(line) ?? MARKER.exec(line.trim())?.[1] ?? null;
}
