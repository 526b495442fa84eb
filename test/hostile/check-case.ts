/**
 * A hostile case that no command line or domain file alone can express (what
 * a provider sends, what a model proposes to `npm run augment`): its own
 * checks, run in this process, which throw when the case is mishandled.
 * `defect` is the number in issue 16's list.
 */
export interface CheckCase {
  name: string;
  defect: string;
  check: () => void | Promise<void>;
}
