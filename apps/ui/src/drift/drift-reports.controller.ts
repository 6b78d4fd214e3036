import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiPaths, BROWSER_OPERATIONS } from '@predictiondex/api-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiForwarder, ForwardRequest } from '../api-proxy/api-forwarder.service';

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

  /** The report page comes back with the forwarder's HTML_PAGE_HEADERS (its own strict CSP, nosniff): it is linked, never inlined. */
  private async relay(reply: FastifyReply, forward: ForwardRequest) {
    const res = await this.forwarder.forward(forward);
    void reply.status(res.status).headers(res.headers).send(res.body);
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
    return this.relay(reply, { operation: operation('/monitoring/reports/{id}'), params: { id }, query: rawQuery(req) });
  }
}
