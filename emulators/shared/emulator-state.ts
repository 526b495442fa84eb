// What every emulator's state has: its traffic (for tests to inspect) and a
// count of the changes worth remembering, which a state folder
// (state-folder.ts, --state) writes after the request that made them.
import { TrafficLog } from './traffic-log.ts';

export class EmulatorStateBase extends TrafficLog {
  /** Grows with every change to files, jobs or models. */
  revision = 0;

  /** Every handler that changes files, jobs or models calls this. */
  changed(): void {
    this.revision++;
  }
}
