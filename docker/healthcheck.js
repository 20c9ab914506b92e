// The image's HEALTHCHECK and the ECS container health check: GET /healthz on this container's own port
// (argument, else PORT). No curl in a slim image; Node's fetch does it.
'use strict';

const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
