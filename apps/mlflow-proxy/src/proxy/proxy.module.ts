import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProxyController } from './proxy.controller';
import { UpstreamForwarder } from './upstream-forwarder.service';
import { UpstreamHealthIndicator } from './upstream.health';

@Module({
  imports: [TerminusModule],
  controllers: [ProxyController],
  providers: [UpstreamForwarder, UpstreamHealthIndicator],
  exports: [UpstreamHealthIndicator],
})
export class ProxyModule {}
