/** CLI commands of the rule engine: score and check JSON documents, print their JSON Schemas. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CliCommand } from '../command.js';
import { checkInputSchema, parseWith, scoreInputSchema } from '../../server/rules/schema.js';
import { checkDocument, scoreDocument, type ServiceResult } from '../../server/rules/service.js';

const EXIT_OK = 0;
const EXIT_INVALID = 2;

const out = (value: unknown): void => { process.stdout.write(`${JSON.stringify(value, null, 2)}\n`); };
const errLines = (lines: readonly string[]): void => { process.stderr.write(`${lines.join('\n')}\n`); };

interface Args { file: string; scheme?: string }

function parseArgs(argv: readonly string[], usage: string): Args | string[] {
  let file: string | undefined;
  let scheme: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--scheme') {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) return ['--scheme 后须给出评分方案编号，如 cq-2025', usage];
      scheme = v;
      i += 1;
    } else if (a.startsWith('--scheme=')) scheme = a.slice('--scheme='.length);
    else if (a.startsWith('--')) return [`不认识的选项：${a}`, usage];
    else if (file === undefined) file = a;
    else return [`多余的参数：${a}`, usage];
  }
  if (file === undefined) return ['缺少输入文件', usage];
  return scheme === undefined ? { file } : { file, scheme };
}

function readDocument(args: Args): unknown {
  let text: string;
  try {
    text = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    return new Error(code === 'ENOENT' ? `找不到文件：${args.file}` : `无法读取文件：${args.file}`);
  }
  try {
    const doc: unknown = JSON.parse(text);
    return doc;
  } catch (e) {
    return new Error(`文件不是有效的 JSON：${e instanceof Error ? e.message : ''}`);
  }
}

/** Applies --scheme: fills it in, or refuses a document that names another scheme. */
function withScheme(doc: unknown, scheme: string | undefined): unknown {
  if (scheme === undefined || typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const named: unknown = Reflect.get(doc, 'scheme');
  if (named !== undefined && named !== scheme) return new Error(`文档指定的评分方案 ${JSON.stringify(named)}与 --scheme ${scheme} 不一致`);
  return { ...doc, scheme };
}

function documentCommand<I, O>(name: string, summary: string, schema: z.ZodType<I>, serve: (input: I) => ServiceResult<O>): CliCommand {
  const usage = `用法：${name} FILE.json [--scheme cq-2025]（FILE 为 - 时读标准输入）`;
  return {
    name,
    summary,
    run(argv) {
      const args = parseArgs(argv, usage);
      if (Array.isArray(args)) {
        errLines(args);
        return Promise.resolve(EXIT_INVALID);
      }
      const doc = withScheme(readDocument(args), args.scheme);
      if (doc instanceof Error) {
        errLines([doc.message]);
        return Promise.resolve(EXIT_INVALID);
      }
      const parsed = parseWith(schema, doc);
      if (!parsed.ok) {
        errLines(['输入文档有误：', ...parsed.errors]);
        return Promise.resolve(EXIT_INVALID);
      }
      const res = serve(parsed.value);
      if (!res.ok) {
        errLines(['输入数据有误：', ...res.value.errors.map((e) => `${e.code} ${e.path === undefined ? '' : `${e.path} `}${e.message}`)]);
        return Promise.resolve(EXIT_INVALID);
      }
      out(res.value);
      return Promise.resolve(EXIT_OK);
    },
  };
}

const SCHEMAS = { score: scoreInputSchema, check: checkInputSchema } as const;

const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'schema score|check — 打印评分或认定条件输入文档的 JSON Schema',
  run(argv) {
    const [which, ...rest] = argv;
    if ((which !== 'score' && which !== 'check') || rest.length > 0) {
      errLines(['用法：schema score|check']);
      return Promise.resolve(EXIT_INVALID);
    }
    out(z.toJSONSchema(SCHEMAS[which], { io: 'input', unrepresentable: 'any' }));
    return Promise.resolve(EXIT_OK);
  },
};

export const rulesCommands: CliCommand[] = [
  documentCommand('score', 'score FILE.json [--scheme cq-2025] — 按年度评分表计算得分、说明和差距分析', scoreInputSchema, scoreDocument),
  documentCommand('check', 'check FILE.json [--scheme cq-2025] — 核验认定条件（第十条至第十七条）', checkInputSchema, checkDocument),
  schemaCommand,
];
