import { ApiProperty } from '@nestjs/swagger';

export class TypeRefDto {
  @ApiProperty({ type: 'integer', example: 13 }) id!: number;

  @ApiProperty({ example: 'Electric' })
  name!: string;
}

export class TypeDto extends TypeRefDto {
  @ApiProperty({ type: String, nullable: true, example: 'Électrik' })
  name_fr!: string | null;
}

export class TypeListDto {
  @ApiProperty({ type: [TypeDto] })
  items!: TypeDto[];
}

export class AffinityDto {
  @ApiProperty({ type: TypeRefDto })
  attacking!: TypeRefDto;

  @ApiProperty({ type: [TypeRefDto], description: 'One type, or two for a dual-type defender' })
  defending!: TypeRefDto[];

  @ApiProperty({ example: 2, description: 'Damage multiplier: 0, 0.25, 0.5, 1, 2 or 4' })
  multiplier!: number;
}

export class AffinityListDto {
  @ApiProperty({ type: [AffinityDto] })
  items!: AffinityDto[];
}
