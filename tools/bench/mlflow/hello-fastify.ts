// Baseline for mlflow-bench: the cheapest possible JSON POST on the same Fastify version, in its
// own process like the app. What the app adds on top (Nest, auth, validation, logging, metrics,
// PostgreSQL) is the ratio between the two.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
app.post('/hello', async () => ({}));
app.listen({ port, host: '127.0.0.1' }).then(
  () => process.send?.('ready'),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
