import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiMethod, ApiPaths, BROWSER_OPERATIONS } from '@predictiondex/api-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiForwarder } from './api-forwarder.service';

function operation(method: ApiMethod, path: keyof ApiPaths) {
  const op = BROWSER_OPERATIONS.find((o) => o.method === method && o.path === path);
  if (!op) throw new Error(`${method} ${path} is not a browser operation of the api`);
  return op;
}

function rawQuery(request: FastifyRequest): string | undefined {
  const at = request.url.indexOf('?');
  return at >= 0 ? request.url.slice(at + 1) : undefined;
}

/**
 * /bff/<api path>: the api's Pokédex, prediction, model-info, feedback, live-performance and
 * decision-audit routes, same paths and shapes, called
 * server side with the ui's key (see ApiForwarder). One route per operation, so metrics and logs
 * carry the route template; /admin, /health and /metrics of the api are not reachable from here.
 */
@Controller('bff')
export class ApiProxyController {
  constructor(private readonly forwarder: ApiForwarder) {}

  private async relay(reply: FastifyReply, request: FastifyRequest, method: ApiMethod, path: keyof ApiPaths, params?: Record<string, string>, body?: unknown) {
    const res = await this.forwarder.forward({ operation: operation(method, path), params, query: rawQuery(request), body });
    void reply.status(res.status).headers(res.headers).send(res.body);
  }

  @Get('pokemon')
  listPokemon(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/pokemon');
  }

  @Get('pokemon/search')
  searchPokemon(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/pokemon/search');
  }

  @Get('pokemon/:id')
  getPokemon(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/pokemon/{id}', { id });
  }

  @Get('pokemon/:id/weaknesses')
  weaknesses(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/pokemon/{id}/weaknesses', { id });
  }

  @Get('pokemon/:id/moves')
  learnset(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/pokemon/{id}/moves', { id });
  }

  @Get('moves')
  listMoves(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/moves');
  }

  @Get('moves/search')
  searchMoves(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/moves/search');
  }

  @Get('moves/by-type/:type')
  movesByType(@Param('type') type: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/moves/by-type/{type}', { type });
  }

  @Get('moves/:id')
  getMove(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/moves/{id}', { id });
  }

  @Get('types')
  listTypes(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/types');
  }

  @Get('types/affinities')
  affinities(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/types/affinities');
  }

  @Get('types/:id/pokemon')
  pokemonOfType(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/types/{id}/pokemon', { id });
  }

  @Post('predict/best-move')
  @HttpCode(200)
  bestMove(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'POST', '/predict/best-move', undefined, body ?? {});
  }

  @Post('predict/simulate')
  @HttpCode(200)
  simulate(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'POST', '/predict/simulate', undefined, body ?? {});
  }

  @Get('predict/model-info')
  modelInfo(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/predict/model-info');
  }

  @Post('predictions/:id/feedback')
  @HttpCode(200)
  feedback(@Param('id') id: string, @Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'POST', '/predictions/{id}/feedback', { id }, body ?? {});
  }

  @Get('monitoring/performance')
  performance(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/monitoring/performance');
  }

  /** An HTML page: relayed under its own strict CSP (ApiForwarder), opened by a link, never inlined. */
  @Get('monitoring/performance/report')
  performanceReport(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/monitoring/performance/report');
  }

  @Get('monitoring/decisions')
  decisions(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.relay(reply, req, 'GET', '/monitoring/decisions');
  }
}
