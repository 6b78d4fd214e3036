import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HTTP_LATENCY_BUCKETS_SECONDS } from './bucket-boundaries.constants';
import { counter, histogram } from './metric-registry';
import { routeTemplate, statusClass } from './route-label';
import { METRICS_OPTIONS, MetricsOptions } from './metrics.options';

const START = Symbol('metricsStart');

interface HookRequest {
  method: string;
  routeOptions?: { url?: string };
  [START]?: bigint;
}

interface FastifyLike {
  addHook(name: 'onRequest' | 'onResponse', hook: (req: HookRequest, reply: { statusCode: number }, done: () => void) => void): void;
}

/**
 * Records every HTTP request in a Fastify onResponse hook. A Nest interceptor would miss requests
 * rejected by guards (401/403/429), by body parsing (413) and unmatched routes (404): exactly the
 * errors that must be counted. Labels: method, route template, status code — all bounded.
 */
@Injectable()
export class HttpMetricsService implements OnApplicationBootstrap {
  readonly requests;
  readonly duration;
  readonly errors;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {
    const p = options.httpMetricPrefix;
    this.requests = counter({
      name: `${p}_requests_total`,
      help: 'HTTP requests by method, route template and status code',
      labelNames: ['method', 'endpoint', 'status'] as const,
    });
    this.duration = histogram({
      name: `${p}_request_duration_seconds`,
      help: 'HTTP request duration in seconds by method and route template',
      labelNames: ['method', 'endpoint'] as const,
      buckets: HTTP_LATENCY_BUCKETS_SECONDS,
    });
    this.errors = counter({
      name: `${p}_errors_total`,
      help: 'HTTP responses with a 4xx or 5xx status, by status class',
      labelNames: ['method', 'endpoint', 'status_class'] as const,
    });
  }

  onApplicationBootstrap(): void {
    if (this.options.httpMetrics === false) return;
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as FastifyLike | undefined;
    if (!instance?.addHook) return;
    const ignored = new Set(this.options.ignoredRoutes ?? ['/metrics']);
    instance.addHook('onRequest', (req, _reply, done) => {
      req[START] = process.hrtime.bigint();
      done();
    });
    instance.addHook('onResponse', (req, reply, done) => {
      const endpoint = routeTemplate(req);
      if (!ignored.has(endpoint)) {
        const method = String(req.method);
        const status = Number(reply.statusCode);
        const started = req[START];
        if (started !== undefined) this.duration.observe({ method, endpoint }, Number(process.hrtime.bigint() - started) / 1e9);
        this.requests.inc({ method, endpoint, status: String(status) });
        if (status >= 400) this.errors.inc({ method, endpoint, status_class: statusClass(status) });
      }
      done();
    });
  }
}
