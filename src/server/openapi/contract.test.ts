/**
 * The API contract is current: the committed OpenAPI document and the web client's generated
 * types are what the server's schemas produce now, and the document has no breaking change
 * against the last release (openapi/released.json) that openapi/approved-changes.txt does not list.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { breakingChanges, parseApproved, unapproved, type OpenApiDocument } from './breaking.js';
import { APPROVED_FILE, DOCUMENT_FILE, RELEASED_FILE, TYPES_FILE, generateContract, type ContractFiles } from './generate.js';

let files: ContractFiles;
beforeAll(async () => {
  files = await generateContract();
});

function committed(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

describe('API contract', () => {
  it('the committed OpenAPI document is current', () => {
    expect(committed(DOCUMENT_FILE) === files.documentText, `${DOCUMENT_FILE} 与服务端的 zod schema 不一致：run npm run api:generate`).toBe(true);
  });

  it('the web client\'s generated types are current', () => {
    expect(committed(TYPES_FILE) === files.typesText, `${TYPES_FILE} 与 OpenAPI 文档不一致：run npm run api:generate`).toBe(true);
  });

  it('has no unapproved breaking change against the last release', () => {
    const released = JSON.parse(committed(RELEASED_FILE)) as OpenApiDocument;
    const changes = unapproved(breakingChanges(released, files.document as OpenApiDocument), parseApproved(committed(APPROVED_FILE)));
    expect(changes, `breaking changes against ${RELEASED_FILE}; review each, then list it in ${APPROVED_FILE} (see README, API contract)`).toEqual([]);
  });
});
