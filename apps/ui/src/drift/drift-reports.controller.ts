import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiPaths, BROWSER_OPERATIONS } from '@predictiondex/api-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiForwarder, ForwardRequest } from '../api-proxy/api-forwarder.service';

/**
 * The api's report page is self-contained (inline CSS and SVG, no script). Relayed as a document of
 * the ui's origin, it keeps the api's own CSP: nothing in it may load or run, whatever the data
 * holds, and it is never sniffed as anything but HTML. The SPA links to it; it is never inlined.
 */
export const REPORT_PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
};

function operation(path: keyof ApiPaths) {
  const op = BROWSER_OPERATIONS.find((o) => o.method === 'GET' && o.path === path);
  if (!op) throw new Error(`GET ${path} is not a browser operation of the api`);
  return op;
}

function rawQuery(request: FastifyRequest): string | undefined {
  const at = request.url.indexOf('?');
  return at >= 0 ? request.url.slice(at + 1) : undefined;
}

/**
 * /bff/monitoring/*: the api's drift reads for the Data drift page, with the ui's key (read scope).
 * Running a check is an admin action of the api and has no route here.
 */
@Controller('bff/monitoring')
export class DriftReportsController {
  constructor(private readonly forwarder: ApiForwarder) {}

  private async relay(reply: FastifyReply, forward: ForwardRequest, extraHeaders: Record<string, string> = {}) {
    const res = await this.forwarder.forward(forward);
    const page = /^text\/html\b/.test(res.headers['content-type'] ?? '');
    void reply
      .status(res.status)
      .headers({ ...res.headers, ...(page ? extraHeaders : {}) })
      .send(res.body);
  }

  @Get('drift/latest')
  latest(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, { operation: operation('/monitoring/drift/latest'), query: rawQuery(req) });
  }

  @Get('reports')
  reports(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, { operation: operation('/monitoring/reports'), query: rawQuery(req) });
  }

  @Get('reports/:id')
  report(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, { operation: operation('/monitoring/reports/{id}'), params: { id }, query: rawQuery(req), accept: 'html' }, REPORT_PAGE_HEADERS);
  }
}
