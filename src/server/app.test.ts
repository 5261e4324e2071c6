import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.js';

const ctx = useTestApp();


describe('the API as a whole', () => {
  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/platforms/{id}']));
    expect(JSON.stringify(doc.paths['/api/v1/users']?.post?.requestBody)).toContain('organizationId');
    const ui = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
  });

  it('answers unknown API paths with the one error format', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(401); // not even the existence of a path is told to anonymous callers
    const pub = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/nope' });
    expect(pub.json<{ code: string; message: string }>()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lists the 41 district units with their Art 17 regions', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/districts' });
    const rows = res.json<{ code: string; name: string; region: string }[]>();
    expect(rows).toHaveLength(41);
    expect(rows.filter((d) => d.region.startsWith('渝东南'))).toHaveLength(6);
    expect(rows.find((d) => d.code === 'LJXQ')?.name).toBe('两江新区');
  });

  it('validates query parameters with Chinese messages naming the field', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/public/platforms?pageSize=1000&level=galactic' });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ details: { field: string; message: string }[] }>();
    expect(body.details.map((d) => d.field).sort()).toEqual(['level', 'pageSize']);
    expect(body.details.find((d) => d.field === 'pageSize')?.message).toBe('每页条数：不能大于 100');
    expect(body.details.find((d) => d.field === 'level')?.message).toMatch(/^层级：取值不正确/);
  });
});
