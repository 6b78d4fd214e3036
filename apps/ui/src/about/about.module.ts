import { Module } from '@nestjs/common';
import { AboutController } from './about.controller';
import { ApiStatusService } from './api-status.service';

@Module({ controllers: [AboutController], providers: [ApiStatusService], exports: [ApiStatusService] })
export class AboutModule {}
