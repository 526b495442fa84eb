/** Renders grader-agreement rows for people: a terminal table and a line on what judging cost. */
import Table from 'cli-table3';
import { judgeUsageTotal, type AgreementRow } from './agreement.ts';

const num = (x: number | null) => (x === null ? '—' : x.toFixed(3));

export function renderAgreementTable(rows: AgreementRow[]): string {
  const withErrors = rows.some((r) => r.errors > 0);
  const head = ['domain', 'provider', 'split', 'n', 'exact', 'contains', 'judge', 'cascade', 'κ exact·contains', 'κ exact·judge', 'κ contains·judge', 'judged', ...(withErrors ? ['errors'] : [])];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows)
    table.push([
      r.domain,
      r.provider,
      r.split,
      String(r.n),
      num(r.exact),
      num(r.contains),
      num(r.judge),
      num(r.cascade),
      num(r.kappa_exact_contains),
      num(r.kappa_exact_judge),
      num(r.kappa_contains_judge),
      String(r.judged),
      ...(withErrors ? [String(r.errors)] : []),
    ]);
  return table.toString();
}

export function renderJudgeUsage(rows: AgreementRow[]): string {
  const t = judgeUsageTotal(rows);
  if (t.calls === 0 && t.cached === 0) return 'judging: no judge ran (set FTBENCH_JUDGE or config.judge; FTBENCH_JUDGE_ALL=1 judges every answer)';
  const cost =
    t.calls === 0
      ? '$0 (every verdict cached)'
      : t.emulated === t.calls
        ? '$0 (a loopback emulator answered every call, docs/emulators.md)'
        : t.cost === null
          ? 'cost not reported by the provider'
          : `$${t.cost.toFixed(6)}${t.emulated ? ` (${t.emulated} of the calls answered by a loopback emulator, at no cost)` : ''}`;
  return `judging: ${t.calls} call(s), ${t.cached} cached verdict(s), ${t.tokens} token(s), ${cost}`;
}
