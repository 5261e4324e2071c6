import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client, useTestApp } from '../../../test/app.js';
import { makeUser } from '../../../test/factories.js';
import { auditEntityLabels } from '../../domain/audit/labels.js';
import { insertAudit } from '../audit/repository.js';

const ctx = useTestApp();
let admin: Client;
let auditor: Client;
let userId: string;

interface Row { action: string; actionLabel: string; entityLabel: string; entityName: string | null; changes: { label: string; text: string }[] }

beforeAll(async () => {
  admin = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'admin')).username);
  auditor = await loginAs(ctx.app, (await makeUser(ctx.database.db, 'auditor')).username);
  const target = await makeUser(ctx.database.db, 'bureau');
  userId = target.id;
  expect((await admin.call('PATCH', `/users/${userId}`, { displayName: '改名后' })).statusCode).toBe(200);
  expect((await admin.call('POST', `/users/${userId}/reset-password`)).statusCode).toBe(200);
});

describe('audit log in Chinese', () => {
  it('says who did what to which named record, and the change as field: before → after', async () => {
    const res = await auditor.call('GET', '/audit-log?action=user.update');
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json<{ items: Row[] }>().items[0]!;
    expect(row).toMatchObject({ actionLabel: '修改用户', entityLabel: '用户' });
    const username = (await ctx.database.pool.query<{ username: string }>('select username from users where id = $1', [userId])).rows[0]!.username;
    expect(row.entityName).toBe(username);
    expect(row.changes).toContainEqual({ field: 'displayName', label: '姓名', text: expect.stringMatching(/→ 改名后$/) as unknown });
    const reset = (await auditor.call('GET', '/audit-log?action=user.reset_password')).json<{ items: Row[] }>().items[0]!;
    expect(reset.actionLabel).toBe('重置密码');
  });

  it('looks up names for every entity type without failing; a record gone shows no name, not an error', async () => {
    for (const entityType of Object.keys(auditEntityLabels)) {
      await insertAudit(ctx.database.db, {
        userId: null, username: 'system', role: null, organizationId: null, organizationName: null, ip: null,
        action: 'file.delete', entityType, entityId: crypto.randomUUID(), summary: { platformId: crypto.randomUUID() },
      });
    }
    const res = await auditor.call('GET', '/audit-log?action=file.delete&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: Row[] }>().items.every((r) => r.entityName === null)).toBe(true);
  });

  it('names a recognition application by its platform name, and a checklist item by its article, not its id', async () => {
    const applicationId = (await ctx.database.pool.query<{ id: string }>(
      "insert into recognition_applications (district_code, name, type) values ('500107', '日志测试人力资源服务产业园', 'comprehensive_park') returning id",
    )).rows[0]!.id;
    await insertAudit(ctx.database.db, {
      userId: null, username: 'system', role: null, organizationId: null, organizationName: null, ip: null,
      action: 'recognition.checklist.confirm', entityType: 'recognition_application', entityId: applicationId, summary: { item: '第十一条（四） 平台入驻人力资源服务企业生产经营平稳', note: null },
    });
    const row = (await auditor.call('GET', '/audit-log?action=recognition.checklist.confirm')).json<{ items: Row[] }>().items[0]!;
    expect(row).toMatchObject({ actionLabel: '确认认定定性条件', entityLabel: '市级平台认定申请', entityName: '日志测试人力资源服务产业园' });
  });

  it('exports the filtered log as .xlsx in the same words, and audits the export', async () => {
    const res = await auditor.call('GET', '/audit-log/export?action=user.update');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('操作');
    expect(ws.rowCount).toBe(2);
    const cells = (ws.getRow(2).values as unknown[]).map(String);
    expect(cells).toContain('修改用户');
    expect(cells.some((c) => c.includes('姓名：') && c.includes('→ 改名后'))).toBe(true);
    const exported = (await ctx.database.pool.query<{ n: string }>("select count(*) n from audit_log where action = 'export.download'")).rows[0]!.n;
    expect(Number(exported)).toBeGreaterThan(0);
  });

  it('shows the login log with browser and operating system, exported too; only the auditor reads either', async () => {
    await ctx.app.inject({
      method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' },
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86' },
    });
    const logins = (await auditor.call('GET', '/login-log?username=nobody')).json<{ items: { browser: string; os: string }[] }>().items;
    expect(logins[0]).toMatchObject({ browser: 'Edge 131', os: 'Windows 10/11' });
    expect((await auditor.call('GET', '/login-log/export')).statusCode).toBe(200);
    for (const url of ['/audit-log/export', '/login-log/export']) expect((await admin.call('GET', url)).statusCode).toBe(403);
  });
});
