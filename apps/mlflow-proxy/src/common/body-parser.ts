import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MlflowError } from './mlflow-error';

export interface BodyParserOptions {
  maxJsonBytes: number;
  /** Requests whose body is left unread for the handler to stream (artifact uploads, proxying). */
  passThrough: (request: FastifyRequest) => boolean;
}

/**
 * One parser for every content type. MLflow clients send JSON (the Python client, the UI); artifact
 * uploads send raw bytes with whatever Content-Type the file's extension suggests — including
 * application/json — so the choice is made by route, not by Content-Type. JSON is read up to
 * maxJsonBytes and parsed with Fastify's own parser (prototype-poisoning checks included).
 */
export function installBodyParser(fastify: FastifyInstance, options: BodyParserOptions): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (request, payload, done) => {
    if (options.passThrough(request)) {
      done(null, undefined);
      return;
    }
    const declared = Number(request.headers['content-length']);
    if (declared > options.maxJsonBytes) {
      done(MlflowError.tooLarge(options.maxJsonBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (err: Error | null, body?: unknown) => {
      if (finished) return;
      finished = true;
      payload.removeListener('data', onData);
      done(err, body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxJsonBytes) {
        // Stop buffering; Node discards the rest of the body once the 413 is sent.
        finish(MlflowError.tooLarge(options.maxJsonBytes));
        return;
      }
      chunks.push(chunk);
    };
    payload.on('data', onData);
    payload.once('error', (e) => finish(e));
    payload.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) finish(null, undefined);
      else parseJson(request, text, (err, body) => finish(err ? Object.assign(err, { statusCode: 400 }) : null, body));
    });
  });
}
