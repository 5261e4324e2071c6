/**
 * What an upload is, decided by its bytes (magic numbers via file-type; legacy Office files by
 * the OLE2 signature D0CF11E0), never by its name or the browser's Content-Type. The name's
 * extension must then agree with the content, so a renamed .exe or a PDF called .png is refused.
 */

export type AcceptedKind = 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls';

interface Kind {
  mime: string;
  extensions: readonly string[];
  label: string;
  previewable: boolean;
}

export const ACCEPTED: Readonly<Record<AcceptedKind, Kind>> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF', previewable: true },
  png: { mime: 'image/png', extensions: ['png'], label: 'PNG 图片', previewable: true },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片', previewable: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word 文档', previewable: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel 表格', previewable: false },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PowerPoint 演示文稿', previewable: false },
  doc: { mime: 'application/msword', extensions: ['doc'], label: 'Word 97-2003 文档', previewable: false },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'], label: 'Excel 97-2003 表格', previewable: false },
};

export const PREVIEWABLE_MIMES: readonly string[] = Object.values(ACCEPTED).filter((k) => k.previewable).map((k) => k.mime);

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BY_FILE_TYPE: Readonly<Record<string, AcceptedKind>> = { pdf: 'pdf', png: 'png', jpg: 'jpeg', docx: 'docx', xlsx: 'xlsx', pptx: 'pptx' };
const ALLOWED_TEXT = 'PDF、PNG、JPEG、Word（.docx/.doc）、Excel（.xlsx/.xls）、PowerPoint（.pptx）';

export type Detection = { ok: true; kind: AcceptedKind; mime: string } | { ok: false; message: string };

const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

export async function detectContent(content: Buffer, originalName: string): Promise<Detection> {
  const ext = extensionOf(originalName);
  let kind: AcceptedKind | undefined;
  if (content.subarray(0, OLE2.length).equals(OLE2)) {
    // An OLE2 container says nothing more about itself; the extension tells Word from Excel.
    if (ext !== 'doc' && ext !== 'xls') return { ok: false, message: `文件为旧版 Office 格式，扩展名须为 .doc 或 .xls（实际为「.${ext}」）` };
    kind = ext;
  } else {
    // Loaded on the first upload, not at server start.
    const { fileTypeFromBuffer } = await import('file-type');
    const detected = await fileTypeFromBuffer(content);
    kind = detected === undefined ? undefined : BY_FILE_TYPE[detected.ext];
    if (kind === undefined) return { ok: false, message: `文件内容不是允许的类型（${ALLOWED_TEXT}），检测到：${detected?.ext ?? '无法识别'}` };
  }
  const accepted = ACCEPTED[kind];
  if (!accepted.extensions.includes(ext)) return { ok: false, message: `文件扩展名「.${ext}」与内容（${accepted.label}）不符` };
  return { ok: true, kind, mime: accepted.mime };
}
