import { All, Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UpstreamForwarder } from './upstream-forwarder.service';

/** Proxy mode: everything under MLflow's three API prefixes goes to the upstream server. */
@Controller()
export class ProxyController {
  constructor(private readonly upstream: UpstreamForwarder) {}

  @All('api/2.0/mlflow/*')
  api(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.upstream.forward(request, reply);
  }

  @All('ajax-api/2.0/mlflow/*')
  ajax(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.upstream.forward(request, reply);
  }

  @All('api/2.0/mlflow-artifacts/*')
  artifacts(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.upstream.forward(request, reply);
  }
}
