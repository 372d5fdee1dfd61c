// The published OpenAPI document is valid OpenAPI 3.1, checked by an independent validator
// (@seriousme/openapi-schema-validator, the official 3.1 JSON Schema), and its $refs resolve.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { startTestService } from './support.js';

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const service = await startTestService();
    const doc = (await (await service.request('/openapi.json')).json()) as Parameters<
      Validator['validate']
    >[0];
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    await validator.validateBundle([doc as Parameters<Validator['validateBundle']>[0][number]]);
    expect(validator.resolveRefs()).toBeTruthy();
  });
});
