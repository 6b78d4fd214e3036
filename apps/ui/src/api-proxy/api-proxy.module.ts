import { Module } from '@nestjs/common';
import { ApiForwarder } from './api-forwarder.service';
import { ApiProxyController } from './api-proxy.controller';

@Module({
  controllers: [ApiProxyController],
  providers: [ApiForwarder],
  exports: [ApiForwarder],
})
export class ApiProxyModule {}
