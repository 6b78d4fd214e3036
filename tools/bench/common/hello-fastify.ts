// Baseline of the HTTP benchmarks: the cheapest possible JSON GET and POST on Fastify 5, in its own
// process like the app measured. What the app adds on top (Nest, auth, validation, security headers,
// metrics, logging, its store or model) is the ratio between the two.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
app.get('/hello/:id', async (request) => ({ id: Number((request.params as { id: string }).id), name: 'hello' }));
app.post('/hello', async (request) => ({ received: Object.keys((request.body as object) ?? {}).length }));
app.listen({ port, host: '127.0.0.1' }).then(
  () => process.send?.('ready'),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
