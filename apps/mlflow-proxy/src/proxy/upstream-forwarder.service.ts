import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectConfig, MlflowProxyConfig } from '@predictiondex/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import http, { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MlflowError } from '../common/mlflow-error';

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1), plus what we set ourselves. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  'cookie',
]);

function forwardable(headers: IncomingHttpHeaders, drop: Set<string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !drop.has(name)) out[name] = value;
  }
  return out;
}

/** Fails the stream once more than `limit` bytes went through it. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      cb(seen > limit ? MlflowError.tooLarge(limit) : null, chunk);
    },
  });
}

/**
 * Streams a request to the upstream MLflow server and its answer back, without buffering either:
 * a 1 GB artifact passes through in constant memory. The caller's credentials stay here (the
 * upstream sees MLFLOW_UPSTREAM_TOKEN, if any); size limits apply as in embedded mode.
 */
@Injectable()
export class UpstreamForwarder implements OnModuleDestroy {
  private readonly logger = new Logger(UpstreamForwarder.name);
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;

  constructor(@InjectConfig() private readonly config: MlflowProxyConfig) {
    this.base = new URL(config.MLFLOW_UPSTREAM_URL ?? 'http://127.0.0.1:5000');
    const secure = this.base.protocol === 'https:';
    this.client = secure ? https : http;
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 128 }) : new http.Agent({ keepAlive: true, maxSockets: 128 });
  }

  onModuleDestroy(): void {
    this.agent.destroy();
  }

  get upstreamUrl(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  async forward(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const isArtifact = request.url.startsWith('/api/2.0/mlflow-artifacts/');
    const limit = isArtifact ? this.config.MLFLOW_MAX_ARTIFACT_BYTES : this.config.MLFLOW_MAX_JSON_BYTES;
    if (Number(request.headers['content-length']) > limit) throw MlflowError.tooLarge(limit);

    const target = new URL(request.url, this.base);
    target.pathname = `${this.base.pathname.replace(/\/$/, '')}${request.url.split('?')[0]}`;
    const headers = forwardable(request.headers, HOP_BY_HOP);
    headers['x-forwarded-for'] = request.ip;
    headers['x-forwarded-host'] = request.headers.host ?? '';
    headers['x-forwarded-proto'] = request.protocol;
    if (this.config.MLFLOW_UPSTREAM_TOKEN) headers['authorization'] = `Bearer ${this.config.MLFLOW_UPSTREAM_TOKEN}`;

    const upstreamReq = this.client.request(target, { method: request.method, headers, agent: this.agent, timeout: this.config.MLFLOW_UPSTREAM_TIMEOUT_MS });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      upstreamReq.once('response', resolve);
      upstreamReq.once('error', reject);
      upstreamReq.once('timeout', () => upstreamReq.destroy(new Error(`upstream timed out after ${this.config.MLFLOW_UPSTREAM_TIMEOUT_MS} ms`)));
    });
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const sent = hasBody ? pipeline(request.raw, byteLimit(limit), upstreamReq) : Promise.resolve(upstreamReq.end());

    let upstreamRes: IncomingMessage;
    try {
      [upstreamRes] = await Promise.all([response, sent]);
    } catch (e) {
      upstreamReq.destroy();
      if (e instanceof MlflowError) throw e;
      this.logger.warn({ err: e, url: request.url }, 'upstream request failed');
      throw new MlflowError('TEMPORARILY_UNAVAILABLE', `Upstream MLflow server unavailable: ${(e as Error).message}`);
    }
    void reply
      .code(upstreamRes.statusCode ?? 502)
      .headers(forwardable(upstreamRes.headers, HOP_BY_HOP))
      .send(upstreamRes);
  }
}
