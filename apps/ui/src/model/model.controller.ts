import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ModelVersionsResponse } from '../contract/bff-contract';
import { ModelRegistryService } from './model-registry.service';

/**
 * Plots are SVG files written by our own pipeline, relayed as images for `<img src>` (never inlined
 * into the page). Should one hold a script, it would not run: an image does not execute scripts, and
 * opened directly, the response's own CSP (`sandbox`, no script source) keeps it inert.
 */
export const PLOT_HEADERS = {
  'content-type': 'image/svg+xml',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, max-age=300',
};

@Controller('bff/model')
export class ModelController {
  constructor(private readonly registry: ModelRegistryService) {}

  @Get('versions')
  versions(): Promise<ModelVersionsResponse> {
    return this.registry.versions();
  }

  @Get('runs/:runId/evaluation/:file')
  async plot(@Param('runId') runId: string, @Param('file') file: string, @Res() reply: FastifyReply) {
    const svg = await this.registry.plot(runId, file);
    void reply.status(200).headers(PLOT_HEADERS).send(svg);
  }
}
