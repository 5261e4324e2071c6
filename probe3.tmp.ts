const mb = (n: number) => (n / 1048576).toFixed(1);
let last = 0;
const show = (label: string) => { (globalThis as any).gc(); const m = process.memoryUsage(); console.log(label.padEnd(34), 'heapUsed', mb(m.heapUsed), '+', mb(m.heapUsed - last)); last = m.heapUsed; };
show('start');
await import('fastify'); await import('pg'); await import('drizzle-orm'); await import('zod'); show('fastify pg drizzle zod');
await import('./src/db/schema/index.js'); show('db schema');
await import('./src/domain/labels/fields.js'); await import('./src/domain/labels/enums.js'); show('labels');
await import('./src/server/auth/common-passwords.js'); show('zxcvbn');
await import('./src/server/files/content.js'); show('file-type');
await import('./src/server/plugins/auth.js'); show('auth plugin');
await import('./src/server/routes.js'); show('routes.ts (all feature modules)');
await import('./src/server/app.js'); show('app');
await import('./src/server/start.js'); show('start.ts');
await import('./src/cli/hrsp-commands.tmp.js').catch(() => {}); 
const cmds = ['audit','backup','keys','remind','results','rules','server']; for (const c of cmds) { await import(`./src/cli/commands/${c}.js`); show('cli ' + c); }
