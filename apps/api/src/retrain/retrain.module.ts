import { Module } from '@nestjs/common';
import { RetrainRequestService } from './retrain-requests.service';

/** Retrain requests from the api (admin endpoint, drift check) onto the ml-build queue. */
@Module({ providers: [RetrainRequestService], exports: [RetrainRequestService] })
export class RetrainModule {}
