import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// Child process of embedded-bus.pglite.int-spec.ts: an in-memory PGlite behind its socket server, as in
// the standalone mode (Jest's module sandbox cannot load PGlite's WASM, hence a process of its own).
async function main(): Promise<void> {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  process.stdout.write(
    `${JSON.stringify({ url: `postgres://postgres@${server.getServerConn()}/postgres` })}\n`,
  );
  process.once('SIGTERM', () => {
    void server
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
