import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeOrg, makeUser } from '../../../test/factories.js';

const ctx = useTestApp();
let admin: Client;

beforeAll(async () => {
  admin = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'admin')).username);
});

const auditCount = async (action: string) =>
  Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from audit_log where action = $1', [action])).rows[0]!.n);

describe('user administration', () => {
  it('creates a user with a one-time password that must be changed, and audits it in the same transaction', async () => {
    const org = await makeOrg(ctx.database.db, 'district', '500101');
    const before = await auditCount('user.create');
    const res = await admin.call('POST', '/users', { username: 'wz.staff', displayName: '万州经办', role: 'district', organizationId: org, phone: '13912345678' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ user: { id: string; phone: string; mustChangePassword: boolean }; initialPassword: string }>();
    expect(body.user.phone).toBe('139****5678');
    expect(body.user.mustChangePassword).toBe(true);
    expect(body.initialPassword).toMatch(/^.{14}$/);
    expect(await auditCount('user.create')).toBe(before + 1);
    const row = (await ctx.database.pool.query('select username, role, ip, entity_id, summary::text from audit_log where action = $1 order by at desc limit 1', ['user.create'])).rows[0];
    expect(row.entity_id).toBe(body.user.id);
    expect(row.summary).not.toContain('13912345678');
    expect(row.summary).not.toMatch(/password/i);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wz.staff', password: body.initialPassword } });
    expect(login.json<{ user: { mustChangePassword: boolean } }>().user.mustChangePassword).toBe(true);
  });

  it('rejects bad input with Chinese messages naming the field, and writes neither user nor audit row', async () => {
    const org = await makeOrg(ctx.database.db, 'operator', '500107');
    const users = Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from users')).rows[0]!.n);
    const audits = Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from audit_log')).rows[0]!.n);
    const bad = await admin.call('POST', '/users', { username: 'a', displayName: '', role: 'operator', organizationId: org });
    expect(bad.statusCode).toBe(400);
    const body = bad.json<{ code: string; message: string; details: { field: string; message: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d) => d.field).sort()).toEqual(['displayName', 'username']);
    expect(body.details.find((d) => d.field === 'username')!.message).toMatch(/^用户名：/);
    expect(body.details.find((d) => d.field === 'displayName')!.message).toMatch(/^姓名：/);
    const wrongKind = await admin.call('POST', '/users', { username: 'op.x', displayName: '运营', role: 'expert', organizationId: org });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json<{ message: string }>().message).toMatch(/所属机构：角色「评审专家」的用户应属于「专家库」类机构/);
    expect(Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from users')).rows[0]!.n)).toBe(users);
    expect(Number((await ctx.database.pool.query<{ n: string }>('select count(*) n from audit_log')).rows[0]!.n)).toBe(audits);
  });

  it('rolls back the audit row together with a change that fails inside the transaction', async () => {
    const u = await makeUser(ctx.database.db, 'operator');
    const before = await auditCount('user.update');
    // A name beyond what the column allows is impossible here, so break the write with a trigger.
    await ctx.database.pool.query(`create or replace function hrsp_fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$`);
    await ctx.database.pool.query(`create trigger hrsp_fail_t before update on users for each row when (new.display_name = '触发失败') execute function hrsp_fail()`);
    try {
      const res = await admin.call('PATCH', `/users/${u.id}`, { displayName: '触发失败' });
      expect(res.statusCode).toBe(500);
      expect(res.json<{ message: string }>().message).toMatch(/系统内部错误/);
      expect(res.body).not.toMatch(/boom|hrsp_fail/);
    } finally {
      await ctx.database.pool.query('drop trigger hrsp_fail_t on users');
    }
    expect(await auditCount('user.update')).toBe(before);
    const ok = await admin.call('PATCH', `/users/${u.id}`, { displayName: '新名字' });
    expect(ok.statusCode).toBe(200);
    expect(await auditCount('user.update')).toBe(before + 1);
  });

  it('resets a password: old sessions end and the new one-time password must be changed', async () => {
    const u = await makeUser(ctx.database.db, 'bureau');
    const c = await loginAs(ctx.app, u.username);
    const res = await admin.call('POST', `/users/${u.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect((await c.call('GET', '/home')).statusCode).toBe(401);
    const pw = res.json<{ initialPassword: string }>().initialPassword;
    const again = await loginAs(ctx.app, u.username, pw);
    expect((await again.call('GET', '/home')).json<{ code: string }>().code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('keeps at least one active administrator', async () => {
    const res = await admin.call('GET', '/users?role=admin');
    const admins = res.json<{ items: { id: string }[] }>().items;
    expect(admins).toHaveLength(1);
    const self = await admin.call('POST', `/users/${admins[0]!.id}/disable`);
    expect(self.statusCode).toBe(400);
  });

  it('audit log and login log are readable by the auditor with filters', async () => {
    const auditor = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'auditor')).username);
    const audit = await auditor.call('GET', '/audit-log?action=user.create');
    expect(audit.statusCode).toBe(200);
    const rows = audit.json<{ items: { action: string; username: string; role: string }[] }>().items;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.action === 'user.create' && r.role === 'admin')).toBe(true);
    const logins = await auditor.call('GET', '/login-log?success=true');
    expect(logins.json<{ items: { success: boolean }[] }>().items.every((r) => r.success)).toBe(true);
  });
});

describe('organizations', () => {
  it('requires a district for district units and rejects a duplicate code', async () => {
    const noDistrict = await admin.call('POST', '/organizations', { kind: 'district_gov', name: '某区政府', code: 'GOV-X' });
    expect(noDistrict.statusCode).toBe(400);
    expect(noDistrict.json<{ details: { field: string }[] }>().details[0]!.field).toBe('districtCode');
    const ok = await admin.call('POST', '/organizations', { kind: 'district_gov', name: '万州区人民政府', code: 'GOV-500101', districtCode: '500101' });
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await admin.call('POST', '/organizations', { kind: 'district_gov', name: '重复', code: 'GOV-500101', districtCode: '500101' });
    expect(dup.statusCode).toBe(400);
    const zone = await admin.call('GET', '/organizations?districtCode=LJXQ&kind=district');
    expect(zone.json<{ items: { name: string }[] }>().items[0]!.name).toBe('两江新区人力社保部门');
  });
});
