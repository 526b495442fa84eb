// Serving an emulator on 127.0.0.1, and stopping it for good.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  port: number;
  /** Idempotent: a test may close an emulator its teardown closes again. */
  close(): Promise<void>;
}

/** Serves `app` on 127.0.0.1:`port` (0 picks a free port); rejects when the port is taken. */
export async function listenOnLoopback(app: RequestListener, port: number): Promise<ListeningServer> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      })),
  };
}
