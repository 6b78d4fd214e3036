import { ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { textField } from '../../common/dto/query-fields';

export const affinitiesQuery = z
  .object({
    attacking: textField.optional(),
    defending: textField
      .transform((s) => s.split(',').map((x) => x.trim()))
      .refine((list) => list.length <= 2 && list.every(Boolean), 'one type, or two separated by a comma')
      .optional(),
  })
  .strict();

export class AffinitiesQueryDto implements z.infer<typeof affinitiesQuery> {
  @ApiPropertyOptional({ description: 'Attacking type: id or English name. Omitted: every attacking type' })
  attacking?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Defending type(s): id or English name, or two comma-separated for a dual type (`grass,poison`). Omitted: every single defending type',
  })
  defending?: string[];
}
