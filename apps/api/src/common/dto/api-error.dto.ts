import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'available_moves[2]', description: 'Path of the field at fault' })
  field!: string;

  @ApiProperty({ example: "unknown move 'Thundrbolt'" })
  message!: string;
}

/** The body of every error response. */
export class ApiErrorDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'invalid request body: available_moves[2]' })
  message!: string;

  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'One entry per bad field (validation errors)' })
  details?: FieldProblemDto[];
}
