/**
 * Progress of `npm run augment`: a bar (cli-progress) on a terminal,
 * otherwise a plain line at each quarter and at the end.
 */
import cliProgress from 'cli-progress';

export interface AugmentProgress {
  update(done: number, total: number, fromCache: boolean): void;
  stop(): void;
}

export function augmentProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, total: number): AugmentProgress {
  let cached = 0;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: 'augment |{bar}| {value}/{total} answers ({cached} from the cache) | ETA {eta_formatted}', hideCursor: true, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { cached: 0 });
    return {
      update(done, _total, fromCache) {
        if (fromCache) cached++;
        bar.update(done, { cached });
      },
      stop: () => bar.stop(),
    };
  }
  let shown = 0;
  return {
    update(done, all, fromCache) {
      if (fromCache) cached++;
      const quarter = Math.floor((done * 4) / all);
      if (quarter > shown || done === all) {
        shown = quarter;
        stream.write(`augment: ${done}/${all} answers (${cached} from the cache)\n`);
      }
    },
    stop() {},
  };
}
