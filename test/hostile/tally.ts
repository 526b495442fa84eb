/**
 * The corpus's count of cases tried and handled. A case is handled when it
 * met its expectation in full: the expected clear error (a UserError, exit 1,
 * no stack trace) or the exact result, and nothing half-written.
 */
export class Tally {
  tried = 0;
  handled = 0;
  readonly mishandled: string[] = [];

  /** Runs a case's checks; a throw counts it mishandled (and fails its test). */
  async check(name: string, checks: () => void | Promise<void>): Promise<void> {
    this.tried++;
    try {
      await checks();
      this.handled++;
    } catch (err) {
      this.mishandled.push(name);
      throw err;
    }
  }

  line(what: string): string {
    return `${what}: ${this.tried} tried, ${this.handled} handled${this.mishandled.length ? `; mishandled: ${this.mishandled.join(', ')}` : ''}`;
  }
}
