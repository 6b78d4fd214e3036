import { Module } from '@nestjs/common';
import { ApiProxyModule } from '../api-proxy/api-proxy.module';
import { DriftReportsController } from './drift-reports.controller';

@Module({ imports: [ApiProxyModule], controllers: [DriftReportsController] })
export class DriftModule {}
