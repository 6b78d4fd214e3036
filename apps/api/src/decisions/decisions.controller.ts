import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DecisionPageDto, decisionsQuery, DecisionsQueryDto } from './dto/decision.dto';
import { ModelDecisionsService } from './model-decisions.service';

@ApiTags('decisions')
@Controller('monitoring/decisions')
export class DecisionsController {
  constructor(private readonly decisions: ModelDecisionsService) {}

  @Get()
  @Scope('read')
  @ApiOperation({
    summary: 'Audit of the model decisions: retrain promotions and rejections, rollbacks',
    description: 'Every change (or refused change) of the champion alias with its versions, reasons, explanation and figures, newest first.',
  })
  @ApiOkResponse({ type: DecisionPageDto })
  @ApiErrors(400)
  list(@Query(new ZodValidationPipe(decisionsQuery)) query: DecisionsQueryDto): Promise<DecisionPageDto> {
    return this.decisions.page(query);
  }
}
