import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, useTestApp, type Client } from '../../../test/app.js';
import { makeOrg, makePlatform, makeUser } from '../../../test/factories.js';
import { testFieldKeys } from '../../../test/keys.js';
import { installFieldKeys, loadFieldKeys, parseFieldKeys } from './field-keys.js';
import { checkFieldKeys, rotateFieldKey, sealPlaintextFields } from './service.js';

const ctx = useTestApp();
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const v1 = '11'.repeat(32);
const v2 = '22'.repeat(32);

const raw = async (sql: string, params: unknown[]) => (await ctx.database.pool.query<{ v: string | null }>(sql, params)).rows[0]?.v ?? null;
const rawPlatformPhone = (id: string) => raw('select contact_phone v from platforms where id = $1', [id]);
const rawUserPhone = (id: string) => raw('select phone v from users where id = $1', [id]);

beforeAll(async () => {
  const db = ctx.database.db;
  const op = await makeOrg(db, 'operator', '500107');
  ids.op = op;
  ids.platform = await makePlatform(db, { districtCode: '500107', operatorOrgId: op, name: '加密测试园' });
  c.admin = await loginAs(ctx.app, (await makeUser(db, 'admin')).username);
  c.bureau = await loginAs(ctx.app, (await makeUser(db, 'bureau')).username);
  c.operator = await loginAs(ctx.app, (await makeUser(db, 'operator', { organizationId: op })).username);
});

afterEach(() => installFieldKeys(testFieldKeys));

describe('personal data at rest', () => {
  it('stores a phone saved through the API sealed, reads it back whole where it is shown whole and masked where masked', async () => {
    const res = await c.operator!.call('PATCH', `/platforms/${ids.platform!}`, { contactName: '陈晓东', contactPhone: '13983001108' });
    expect(res.statusCode, res.body).toBe(200);
    const stored = await rawPlatformPhone(ids.platform!);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('13983001108');
    expect(await raw('select contact_name v from platforms where id = $1', [ids.platform])).not.toContain('陈晓东');
    expect((await c.bureau!.call('GET', `/platforms/${ids.platform!}/contact`)).json()).toEqual({ contactName: '陈晓东', contactPhone: '13983001108' });
    // The audit log (kept for good, in plaintext JSON) holds the contact masked.
    const summaries = (await ctx.database.pool.query<{ s: string }>(`select summary::text s from audit_log where entity_id = $1 and action in ('platform.update', 'platform.view_contact')`, [ids.platform])).rows.map((r) => r.s).join();
    expect(summaries).toContain('陈**');
    expect(summaries).toContain('139****1108');
    expect(summaries).not.toMatch(/陈晓东|13983001108/);
    expect((await c.bureau!.call('GET', `/platforms/${ids.platform!}`)).json<{ contactPhone: string }>().contactPhone).toBe('139****1108');
    const list = await c.bureau!.call('GET', '/platforms?q=加密测试园');
    expect(list.json<{ items: { contactPhone: string }[] }>().items[0]?.contactPhone).toBe('139****1108');
  });

  it('seals a user phone created through the API; the user list shows it masked', async () => {
    const res = await c.admin!.call('POST', '/users', { username: 'phone_user', displayName: '手机用户', role: 'operator', organizationId: ids.op, phone: '13812345678' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ user: { id: string; phone: string } }>().user.id;
    expect(res.json<{ user: { phone: string } }>().user.phone).toBe('138****5678');
    expect(await rawUserPhone(id)).toMatch(/^v1:/);
    expect(await rawUserPhone(id)).not.toContain('13812345678');
    const list = await c.admin!.call('GET', '/users?q=phone_user');
    expect(list.json<{ items: { phone: string }[] }>().items[0]?.phone).toBe('138****5678');
  });

  it('seals plaintext left from before encryption at start, once', async () => {
    await ctx.database.pool.query('update platforms set contact_phone = $1 where id = $2', ['13700001234', ids.platform]);
    // Readable meanwhile, and sealed by the start-up step; a second run finds nothing.
    expect((await c.bureau!.call('GET', `/platforms/${ids.platform!}/contact`)).json<{ contactPhone: string }>().contactPhone).toBe('13700001234');
    const first = await sealPlaintextFields(ctx.database.db);
    expect(first['platforms.contact_phone']).toBe(1);
    expect(await rawPlatformPhone(ids.platform!)).toMatch(/^v1:/);
    expect(Object.values(await sealPlaintextFields(ctx.database.db)).every((n) => n === 0)).toBe(true);
    expect((await c.bureau!.call('GET', `/platforms/${ids.platform!}/contact`)).json<{ contactPhone: string }>().contactPhone).toBe('13700001234');
  });

  it('rotates to a new key version: everything re-sealed, readable with the new key alone, audited, idempotent', async () => {
    installFieldKeys(parseFieldKeys(`v1:${v1}\nv2:${v2}\n`));
    const r = await rotateFieldKey(ctx.database.db);
    expect(r.keyVersion).toBe(2);
    expect(r.counts['platforms.contact_phone']).toBeGreaterThan(0);
    const left = await raw(`select count(*)::text v from (select phone p from users union all select contact_phone from platforms union all select contact_name from platforms) s
      where p is not null and p !~ '^v2:'`, []);
    expect(left).toBe('0');
    expect(Object.values((await rotateFieldKey(ctx.database.db)).counts).every((n) => n === 0)).toBe(true);
    expect(await raw(`select count(*)::text v from audit_log where action = 'crypto.rotate_key'`, [])).toBe('1');
    installFieldKeys(parseFieldKeys(`v2:${v2}`));
    await checkFieldKeys(ctx.database.db);
    expect((await c.bureau!.call('GET', `/platforms/${ids.platform!}/contact`)).json()).toEqual({ contactName: '陈晓东', contactPhone: '13700001234' });
  });

  it('names a wrong key clearly at start and in a request, instead of returning garbage', async () => {
    installFieldKeys(parseFieldKeys(`v2:${'33'.repeat(32)}`));
    await expect(checkFieldKeys(ctx.database.db)).rejects.toThrow(/密钥 v2 与数据库中的数据不符.*HRSP_SECRET_KEY_FILE/);
    const res = await c.bureau!.call('GET', `/platforms/${ids.platform!}/contact`);
    expect(res.statusCode).toBe(500);
    expect(res.json<{ code: string; message: string }>()).toMatchObject({ code: 'FIELD_KEY_MISMATCH', message: expect.stringContaining('密钥 v2 与数据库中的数据不符') });
    installFieldKeys(parseFieldKeys(`v1:${v1}`));
    await expect(checkFieldKeys(ctx.database.db)).rejects.toThrow(/密钥 v2 不在密钥文件中/);
  });
});

describe('the key ring', () => {
  it('reads versioned lines (highest current), a bare key as v1, and refuses a short key', () => {
    const ring = parseFieldKeys(`# keys\nv1:${v1}\nv3:${Buffer.alloc(32, 3).toString('base64')}\n`);
    expect(ring.current.version).toBe(3);
    expect([...ring.byVersion.keys()]).toEqual([1, 3]);
    expect(parseFieldKeys(v2).current).toEqual({ version: 1, key: Buffer.from(v2, 'hex') });
    expect(() => parseFieldKeys('v1:abcd')).toThrow(/32 字节/);
  });

  it('creates <dataDir>/secret.key (0600) for the embedded database, and refuses an external one without a key', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-key-'));
    try {
      const first = loadFieldKeys({ dataDir: dir, databaseUrl: null }, {});
      expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(loadFieldKeys({ dataDir: dir, databaseUrl: null }, {}).current.key.equals(first.current.key)).toBe(true);
      expect(() => loadFieldKeys({ dataDir: dir, databaseUrl: 'postgres://x/y' }, {})).toThrow(/HRSP_SECRET_KEY_FILE/);
      fs.writeFileSync(path.join(dir, 'k'), `v1:${v1}\nv2:${v2}\n`);
      expect(loadFieldKeys({ dataDir: dir, databaseUrl: 'postgres://x/y' }, { HRSP_SECRET_KEY_FILE: path.join(dir, 'k') }).current.version).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
