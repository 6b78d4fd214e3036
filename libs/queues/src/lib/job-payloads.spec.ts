import { buildJobSchema, InvalidPayloadError, parsePayload, retrainJobSchema } from './job-payloads';
import { jobIds } from './job-options';

describe('job payloads', () => {
  it('accepts a build job and fills defaults', () => {
    expect(parsePayload('build', buildJobSchema, { etlRunId: 3 })).toEqual({ etlRunId: 3, reason: 'etl' });
  });

  it('rejects a malformed build job with the field named', () => {
    expect(() => parsePayload('build', buildJobSchema, { etlRunId: 'x' })).toThrow(InvalidPayloadError);
    expect(() => parsePayload('build', buildJobSchema, { etlRunId: -1 })).toThrow(/etlRunId/);
  });

  it('rejects an unknown retrain reason', () => {
    expect(() => parsePayload('retrain', retrainJobSchema, { reasons: ['whim'], requestedAt: new Date().toISOString() })).toThrow(/reasons/);
  });

  it('derives one job id per ETL run', () => {
    expect(jobIds.build(7)).toBe(jobIds.build(7));
    expect(jobIds.build(7)).not.toBe(jobIds.build(8));
  });
});
