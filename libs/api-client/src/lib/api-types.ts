import type { components, paths } from './api-schema';

// Short names for the api's schemas, so callers write `Pokemon`, not components['schemas']['PokemonDto'].
type Schemas = components['schemas'];

export type ApiPaths = paths;
export type TypeRef = Schemas['TypeRefDto'];
export type Stats = Schemas['StatsDto'];
export type PokemonForm = Schemas['PokemonForm'];
export type Pokemon = Schemas['PokemonDto'];
export type PokemonPage = Schemas['PokemonPageDto'];
export type PokemonSearch = Schemas['PokemonSearchDto'];
export type TypeAffinity = Schemas['TypeAffinityDto'];
export type Weaknesses = Schemas['WeaknessesDto'];
export type MoveSummary = Schemas['MoveSummaryDto'];
export type LearnMethod = Schemas['LearnMethodDto'];
export type LearnsetEntry = Schemas['LearnsetEntryDto'];
export type Learnset = Schemas['LearnsetDto'];
export type MoveCategory = Schemas['MoveCategory'];
export type Move = Schemas['MoveDto'];
export type MovePage = Schemas['MovePageDto'];
export type MovesByType = Schemas['MovesByTypeDto'];
export type PokemonType = Schemas['TypeDto'];
export type TypeList = Schemas['TypeListDto'];
export type Affinity = Schemas['AffinityDto'];
export type AffinityList = Schemas['AffinityListDto'];
export type PokemonTypeList = Schemas['PokemonTypeListDto'];
export type BestMoveRequest = Schemas['BestMoveRequestDto'];
export type BestMoveResponse = Schemas['BestMoveResponseDto'];
export type ScoredMove = Schemas['ScoredMoveDto'];
export type SkippedMove = Schemas['SkippedMoveDto'];
export type MoveRef = Schemas['MoveRefDto'];
export type SimulateRequest = Schemas['SimulateRequestDto'];
export type SimulateResponse = Schemas['SimulateResponseDto'];
export type Simulation = Schemas['SimulationDto'];
export type ModelInfo = Schemas['ModelInfoDto'];
export type ApiError = Schemas['ApiErrorDto'];
export type FieldProblem = Schemas['FieldProblemDto'];
