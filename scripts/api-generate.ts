// `npm run api:generate`: writes the API contract's committed files (see src/server/openapi/generate.ts).
import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENT_FILE, TYPES_FILE, generateContract } from '../src/server/openapi/generate.js';

async function main(): Promise<void> {
  const files = await generateContract();
  for (const [file, text] of [[DOCUMENT_FILE, files.documentText], [TYPES_FILE, files.typesText]] as const) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
