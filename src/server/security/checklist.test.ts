import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client.js';
import { grantRuntimeRole } from '../../db/roles.js';
import { loginAs, testApp, useTestApp, type Client } from '../../../test/app.js';
import { makePlatform, makeUser, testPassword } from '../../../test/factories.js';
import { tinyExe, upload } from '../../../test/multipart.js';
import { xlsxBomb } from '../../../test/xlsx-bomb.js';
import { createBackup, findPgTool } from '../backup/service.js';
import { resultsDocument } from '../../domain/evaluation/results-document.js';
import { fieldKeys, resultsKey } from '../crypto/field-keys.js';
import { hmacSm3 } from '../crypto/gm.js';
import { verifyResultsFile } from '../evaluations/5-publication/service.js';

/**
 * The 等保 level 3 controls (GB/T 22239-2019 §8.1.4, the 安全计算环境 of a level 3 system, and
 * the parts of §8.1.3/§8.1.5 a web application carries), each probed against a running app on a
 * real database. The table of what holds is printed and written to
 * test-results/security-checklist.md; every row must hold.
 */
const t = useTestApp();

interface Control {
  no: number;
  clause: string;
  control: string;
  check: () => Promise<string>;
}

interface Outcome {
  control: Control;
  holds: boolean;
  evidence: string;
}

let admin: Client;
let secadmin: Client;
let auditor: Client;
let district: Client;
let bureau: Client;
let base = '';

function raw(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const req = http.request({ agent: false, host: u.hostname, port: u.port, path: pathname, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function ensure(condition: boolean, evidence: string): string {
  if (!condition) throw new Error(evidence);
  return evidence;
}

const login = (username: string, password: string, ip?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...(ip ? { remoteAddress: ip } : {}) });

const controls: Control[] = [
  {
    no: 1, clause: '8.1.4.1 a) 身份鉴别', control: '口令复杂度：长度与字符类别',
    check: async () => {
      const res = await admin.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: 'abc12' });
      return ensure(res.statusCode === 400, `弱口令 abc12 被拒：${res.json<{ message: string }>().message}`);
    },
  },
  {
    no: 2, clause: '8.1.4.1 a) 身份鉴别', control: '常见口令库（离线）',
    check: async () => {
      const res = await admin.call('POST', '/auth/change-password', { oldPassword: testPassword, newPassword: 'Password@123' });
      const message = res.json<{ message: string }>().message;
      return ensure(res.statusCode === 400 && message.includes('常见'), `Password@123 被拒：${message}`);
    },
  },
  {
    no: 3, clause: '8.1.4.1 b) 登录失败处理', control: '连续失败锁定，并发猜测也计数',
    check: async () => {
      const u = await makeUser(t.database.db, 'district');
      await Promise.all(Array.from({ length: 12 }, () => login(u.username, 'Wrong#Guess9')));
      const { rows } = await t.database.pool.query<{ failed_logins: number; locked: boolean }>('select failed_logins, locked_until > now() as locked from users where id = $1', [u.id]);
      return ensure(rows[0]?.failed_logins === 12 && rows[0].locked, `12 次并发错误口令：计数 ${rows[0]?.failed_logins}，已锁定 ${String(rows[0]?.locked)}`);
    },
  },
  {
    no: 4, clause: '8.1.4.1 b) 登录失败处理', control: '登录应答不泄露用户名是否存在',
    check: async () => {
      const u = await makeUser(t.database.db, 'district');
      const unknown = await login(`nobody-${crypto.randomBytes(3).toString('hex')}`, 'Wrong#Guess9');
      const wrong = await login(u.username, 'Wrong#Guess9');
      return ensure(unknown.statusCode === wrong.statusCode && unknown.body === wrong.body, `不存在的用户与错误口令应答相同：${unknown.statusCode} ${unknown.body}`);
    },
  },
  {
    no: 5, clause: '8.1.4.1 b) 登录连接超时', control: '空闲超时自动退出',
    check: async () => {
      const u = await makeUser(t.database.db, 'district');
      const c = await loginAs(t.app, u.username);
      await t.database.pool.query(`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = $1`, [u.id]);
      await new Promise((r) => setTimeout(r, 2100)); // past the session cache's lifetime
      const res = await c.call('GET', '/home');
      return ensure(res.statusCode === 401, `空闲 31 分钟后访问：${res.statusCode}`);
    },
  },
  {
    no: 6, clause: '8.1.4.1 b) 登录连接超时', control: '会话绝对时限',
    check: async () => {
      const u = await makeUser(t.database.db, 'district');
      const c = await loginAs(t.app, u.username);
      await t.database.pool.query(`update sessions set created_at = now() - interval '13 hours' where user_id = $1`, [u.id]);
      await new Promise((r) => setTimeout(r, 2100));
      const res = await c.call('GET', '/home');
      return ensure(res.statusCode === 401, `登录 13 小时后（默认上限 12 小时）访问：${res.statusCode}`);
    },
  },
  {
    no: 7, clause: '8.1.4.1 a) 定期更换', control: '口令有效期（默认 90 天）',
    check: async () => {
      const settings = (await secadmin.call('GET', '/settings')).json<{ passwordMaxAgeDays: number }>();
      const u = await makeUser(t.database.db, 'district');
      await t.database.pool.query(`update users set password_changed_at = now() - interval '400 days' where id = $1`, [u.id]);
      const res = await login(u.username, testPassword);
      const must = res.json<{ user?: { mustChangePassword: boolean } }>().user?.mustChangePassword;
      return ensure(settings.passwordMaxAgeDays > 0 && must === true, `有效期 ${settings.passwordMaxAgeDays} 天；400 天前设置的口令登录后须修改：${String(must)}`);
    },
  },
  {
    no: 8, clause: '8.1.4.1 d) 双因素', control: '市局账号可启用动态口令（TOTP）',
    check: async () => {
      const res = await bureau.call('POST', '/auth/totp/enrol');
      const operator = await loginAs(t.app, (await makeUser(t.database.db, 'operator')).username);
      const refused = await operator.call('POST', '/auth/totp/enrol');
      return ensure(res.statusCode === 200 && res.body.includes('otpauth://') && refused.statusCode === 403, `市局业务人员生成密钥 ${res.statusCode}；运营方 ${refused.statusCode}`);
    },
  },
  {
    no: 9, clause: '8.1.4.1 a) 鉴别信息保护', control: '口令以 argon2id 散列存储',
    check: async () => {
      const { rows } = await t.database.pool.query<{ h: string }>('select password_hash h from users limit 20');
      return ensure(rows.length > 0 && rows.every((r) => r.h.startsWith('$argon2id$')), `${rows.length} 个账号均为 $argon2id$`);
    },
  },
  {
    no: 10, clause: '8.1.4.2 a) 访问控制', control: '默认拒绝：每个接口声明调用权限',
    check: async () => {
      const doc = (await t.app.inject({ url: '/api/docs/json' })).json<{ paths: Record<string, Record<string, { 'x-hrsp-access'?: unknown }>> }>();
      const ops = Object.values(doc.paths).flatMap((m) => Object.values(m));
      const undeclared = ops.filter((o) => o['x-hrsp-access'] === undefined || o['x-hrsp-access'] === 'none');
      return ensure(ops.length > 100 && undeclared.length === 0, `${ops.length} 个接口均声明权限，未声明的接口使应用无法启动`);
    },
  },
  {
    no: 11, clause: '8.1.4.2 a) 访问控制', control: '按匹配的路由判定权限（编码路径不能绕过）',
    check: async () => {
      const res = await raw('/%61pi/v1/audit-log');
      return ensure(res.status === 401, `匿名 GET /%61pi/v1/audit-log：${res.status}`);
    },
  },
  {
    no: 12, clause: '8.1.4.2 b)c) 三员分立', control: '系统管理员、安全管理员、安全审计员权限分离',
    check: async () => {
      const a = (await admin.call('GET', '/audit-log')).statusCode;
      const s = (await secadmin.call('GET', '/audit-log')).statusCode;
      const au = (await auditor.call('GET', '/audit-log')).statusCode;
      const auSettings = (await auditor.call('PUT', '/settings', { lockoutThreshold: 5 })).statusCode;
      const sUsers = (await secadmin.call('POST', '/users', { username: 'x' })).statusCode;
      return ensure(a === 403 && s === 403 && au === 200 && auSettings === 403 && sUsers === 403,
        `审计日志：系统管理员 ${a}、安全管理员 ${s}、审计员 ${au}；审计员改安全设置 ${auSettings}；安全管理员建用户 ${sUsers}`);
    },
  },
  {
    no: 13, clause: '8.1.4.2 d) 访问控制粒度', control: '数据范围在查询中强制（跨区县不可见）',
    check: async () => {
      const other = await makePlatform(t.database.db, { districtCode: '500101' });
      const res = await district.call('GET', `/platforms/${other}`);
      return ensure(res.statusCode === 404, `九龙坡区人社局读取万州区平台：${res.statusCode}`);
    },
  },
  {
    no: 14, clause: '8.1.4.2 a) 访问控制', control: '状态变更须携带 CSRF 令牌',
    check: async () => {
      const res = await secadmin.call('PUT', '/settings', { lockoutThreshold: 5 }, { csrf: null });
      return ensure(res.statusCode === 403 && res.body.includes('CSRF_INVALID'), `无令牌的写请求：${res.statusCode}`);
    },
  },
  {
    no: 15, clause: '8.1.4.3 a)b) 安全审计', control: '安全事件入审计：越权、登出、锁定、导出',
    check: async () => {
      await district.call('GET', '/audit-log');
      await district.call('GET', '/platforms/export');
      const throwaway = await loginAs(t.app, (await makeUser(t.database.db, 'district')).username);
      await throwaway.call('POST', '/auth/logout');
      const { rows } = await t.database.pool.query<{ action: string }>(`select distinct action from audit_log where action in ('access.refused', 'auth.logout', 'auth.lockout', 'export.download')`);
      const found = rows.map((r) => r.action).sort();
      return ensure(found.length === 4, `审计日志含：${found.join('、')}`);
    },
  },
  {
    no: 16, clause: '8.1.4.3 c) 审计记录保护', control: '审计日志 SM3 哈希链，可校验',
    check: async () => {
      const res = await auditor.call('GET', '/audit-log/verify');
      const body = res.json<{ ok: boolean; count: number }>();
      return ensure(res.statusCode === 200 && body.ok && body.count > 0, `校验 ${body.count} 条：完好`);
    },
  },
  {
    no: 17, clause: '8.1.4.3 c) 审计记录保护', control: '运行角色对审计表只能追加（不能改删）',
    check: async () => {
      const role = `hrsp_chk_${crypto.randomBytes(4).toString('hex')}`;
      const password = crypto.randomBytes(12).toString('hex');
      await t.database.pool.query(`create role ${role} login password '${password}'`);
      await grantRuntimeRole(t.database.db, role);
      const url = new URL(t.database.url);
      url.username = role;
      url.password = password;
      const asApp: Database = openDatabase(url.toString(), 1);
      try {
        const update = await asApp.pool.query('update audit_log set ip = null').then(() => 'ok', (e: unknown) => String(e));
        const del = await asApp.pool.query('delete from audit_log').then(() => 'ok', (e: unknown) => String(e));
        return ensure(update.includes('permission denied') && del.includes('permission denied'), `运行角色 UPDATE/DELETE audit_log：permission denied`);
      } finally {
        await asApp.close();
        await t.database.pool.query(`drop owned by ${role}`);
        await t.database.pool.query(`drop role ${role}`);
      }
    },
  },
  {
    no: 18, clause: '8.1.4.4 入侵防范', control: '输入校验：控制字符、空修改，无 5xx',
    check: async () => {
      const nul = await login('adm\u0000in', 'x');
      const empty = await admin.call('PATCH', `/organizations/${(await makeUser(t.database.db, 'district')).organizationId}`, {});
      return ensure(nul.statusCode === 400 && empty.statusCode === 400, `用户名含 NUL：${nul.statusCode}；空 PATCH：${empty.statusCode}`);
    },
  },
  {
    no: 19, clause: '8.1.4.4 入侵防范', control: '上传文件按内容识别类型（伪装文件被拒）',
    check: async () => {
      const p = await makePlatform(t.database.db, { districtCode: '500107' });
      const res = await upload(t.app, district, '/files', { platformId: p, ownerType: 'platform', ownerId: p, purpose: 'material' }, { name: 'report.pdf', content: tinyExe });
      return ensure(res.statusCode === 400, `伪装为 PDF 的可执行文件：${res.statusCode} ${res.json<{ message: string }>().message}`);
    },
  },
  {
    no: 20, clause: '8.1.4.4 入侵防范', control: '解压炸弹：解压大小、行数受限',
    check: async () => {
      const p = await makePlatform(t.database.db, { districtCode: '500107' });
      const res = await upload(t.app, district, '/imports/enterprises', { platformId: p, year: '2025' }, { name: 'bomb.xlsx', content: await xlsxBomb(1_000_000) });
      return ensure(res.statusCode === 400 && res.body.includes('XLSX_TOO_LARGE'), `100 万行的压缩炸弹：${res.statusCode} ${res.json<{ message: string }>().message}`);
    },
  },
  {
    no: 21, clause: '8.1.3.3 入侵防范（边界）', control: '登录频率限制，429 附 Retry-After',
    check: async () => {
      const app = await testApp(t.database.db, 2);
      try {
        const answers = [];
        for (let i = 0; i < 3; i++) answers.push(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' }, remoteAddress: '203.0.113.77' }));
        const last = answers[2];
        return ensure(last?.statusCode === 429 && last.headers['retry-after'] !== undefined, `每分钟 2 次后第 3 次：${last?.statusCode}，Retry-After ${String(last?.headers['retry-after'])}`);
      } finally {
        await app.close();
      }
    },
  },
  {
    no: 22, clause: '8.1.4.4 入侵防范', control: '安全响应头（CSP、nosniff、frame-ancestors；接口应答不缓存）',
    check: async () => {
      const res = await raw('/api/v1/public/info');
      const csp = String(res.headers['content-security-policy'] ?? '');
      const kept = res.headers['cache-control'] ?? '';
      return ensure(csp.includes("default-src 'none'") && csp.includes("frame-ancestors 'self'") && res.headers['x-content-type-options'] === 'nosniff' && kept === 'no-store', `CSP：${csp}；nosniff；Cache-Control：${kept}`);
    },
  },
  {
    no: 23, clause: '8.1.4.8 数据保密性', control: '个人信息（手机号等）以 SM4 加密存储',
    check: async () => {
      const org = (await makeUser(t.database.db, 'district', { districtCode: '500107' })).organizationId;
      const res = await admin.call('POST', '/users', { username: `chk.${crypto.randomBytes(3).toString('hex')}`, displayName: '检查用户', role: 'district', organizationId: org, phone: '13800138000' });
      const id = res.json<{ user: { id: string } }>().user.id;
      const stored = (await t.database.pool.query<{ phone: string }>('select phone from users where id = $1', [id])).rows[0]?.phone ?? '';
      return ensure(res.statusCode === 201 && /^v\d+:/.test(stored) && !stored.includes('13800138000'), `手机号入库为 ${stored.slice(0, 12)}…（密钥版本前缀 + SM4 密文）`);
    },
  },
  {
    no: 24, clause: '8.1.4.7 数据完整性', control: '公布结果附 SM3-HMAC 校验码，改动可查',
    check: async () => {
      const input = { year: 2024, schemeId: 'cq-2024', publishedOn: '2025-03-01', keyVersion: fieldKeys().current.version, items: [{ platformName: '检查平台', type: 'comprehensive_park', level: 'municipal', districtName: '九龙坡区', grade: 'excellent', gradeLabel: '优秀' }] };
      const doc = resultsDocument(input);
      const code = hmacSm3(resultsKey(fieldKeys(), input.keyVersion), doc);
      const intact = await verifyResultsFile(null, doc, code);
      const altered = await verifyResultsFile(null, doc.replace('优秀', '良好'), code);
      return ensure(intact.ok && !altered.ok, `原文件：${intact.reason}；改一个等次：${altered.reason}`);
    },
  },
  {
    no: 25, clause: '8.1.4.9 数据备份恢复', control: '备份含附件，SM3 清单，0600',
    check: async () => {
      findPgTool('pg_dump');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-chk-'));
      try {
        const file = path.join(dir, 'b.hrsp-backup');
        const { manifest } = await createBackup(t.database.url, file, null);
        const mode = fs.statSync(file).mode & 0o777;
        return ensure(mode === 0o600 && /^[0-9a-f]{64}$/.test(manifest.database.sm3), `归档权限 ${mode.toString(8)}，转储 SM3 ${manifest.database.sm3.slice(0, 12)}…，附件 ${manifest.attachments.count} 个`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    no: 26, clause: '8.1.4.10 可用性', control: '健康检查反映数据库状态',
    check: async () => {
      const res = await raw('/api/health');
      return ensure(res.status === 200, `数据库可用时 /api/health：${res.status}（不可用时 503，见 health.test.ts）`);
    },
  },
];

const outcomes: Outcome[] = [];

beforeAll(async () => {
  const db = t.database.db;
  admin = await loginAs(t.app, (await makeUser(db, 'admin')).username);
  secadmin = await loginAs(t.app, (await makeUser(db, 'security_admin')).username);
  auditor = await loginAs(t.app, (await makeUser(db, 'auditor')).username);
  bureau = await loginAs(t.app, (await makeUser(db, 'bureau')).username);
  district = await loginAs(t.app, (await makeUser(db, 'district', { districtCode: '500107' })).username);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(() => {
  const lines = ['| # | 条款 (GB/T 22239-2019) | 控制点 | 结果 | 依据 |', '| --- | --- | --- | --- | --- |'];
  for (const o of outcomes) lines.push(`| ${o.control.no} | ${o.control.clause} | ${o.control.control} | ${o.holds ? '✔ 满足' : '✘ 不满足'} | ${o.evidence.replace(/\|/g, '／')} |`);
  const table = `等保三级安全控制检查（${outcomes.filter((o) => o.holds).length}/${outcomes.length} 项满足）\n\n${lines.join('\n')}\n`;
  console.log(`\n${table}`);
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync(path.join('test-results', 'security-checklist.md'), table);
});

describe('the 等保 level 3 checklist', () => {
  it('lists 26 controls, numbered in order', () => {
    expect(controls.map((c) => c.no)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });
  for (const control of controls) {
    it(`${control.no}. ${control.control}`, async () => {
      try {
        const evidence = await control.check();
        outcomes.push({ control, holds: true, evidence });
      } catch (e) {
        outcomes.push({ control, holds: false, evidence: e instanceof Error ? e.message : String(e) });
        throw e;
      }
    });
  }
});
