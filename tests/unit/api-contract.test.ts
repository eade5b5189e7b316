import { describe, expect, it } from 'vitest';
import { ROUTES } from '#server/http/routes.ts';
import type { RouteDef } from '#server/http/api.ts';
import { contractViolation, operationFor } from '../helpers/api-contract.ts';

const routes = Object.entries(ROUTES) as [string, RouteDef][];

describe('API contract', () => {
  it('every operation declares what it answers on success', () => {
    for (const [id, def] of routes) {
      const declared = def.response !== undefined || def.binary !== undefined || def.success === 204;
      expect(declared, `${id} needs a response schema (or success: 204, or binary)`).toBe(true);
      if (def.success === 204) expect(def.response, `${id} answers 204 without a body`).toBeUndefined();
    }
  });

  it('finds the operation of a request, a literal segment before a parameter', () => {
    expect(operationFor('GET', '/api/v1/shops/hk05/orders/pending-count')?.id).toBe('pendingOrders');
    expect(operationFor('GET', '/api/v1/shops/hk05/orders/HK-1234')?.id).toBe('orderStatus');
    expect(operationFor('GET', '/api/v1/openapi.json')).toBeUndefined();
  });

  it('refuses an answer that does not match its schema, and undeclared JSON', () => {
    const url = 'http://x/api/v1/shops/hk05/orders/pending-count';
    expect(contractViolation('GET', url, 200, 'application/json', { count: 2, latest: null })).toBeNull();
    expect(contractViolation('GET', url, 200, 'application/json', { count: '2', latest: null })).toMatch(/declared schema/);
    // A field the schema does not declare is a change to the contract too (z.object alone would drop it silently).
    expect(contractViolation('GET', url, 200, 'application/json', { count: 2, latest: null, leaked: 'x' })).toMatch(
      /fields its schema does not declare: \$\.leaked/,
    );
    expect(contractViolation('GET', url, 201, 'application/json', { count: 2, latest: null })).toMatch(/does not declare/);
    expect(contractViolation('GET', url, 404, 'application/json', { error: { code: 'not_found', message: 'x' } })).toBeNull();
    expect(contractViolation('GET', url, 404, 'application/json', { message: 'x' })).toMatch(/declared schema/);
    expect(contractViolation('GET', 'http://x/api/v1/openapi.json', 200, 'application/json', {})).toBeNull();
  });
});
