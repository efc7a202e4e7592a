import type { SqlParams } from '@mla/core';

/**
 * The INSERT statements of `federation_files` (DESIGN §15, "Files by hash"), for the statement
 * of the action or the intake that lists files in a message: OUT rows (OFFERED) for the files
 * this node lists to a peer, IN rows (ARRIVING) for those a peer lists to this node. A file
 * listed again (the same peer, direction, request and SHA-256) keeps its row.
 *
 * `content_ref` of an OUT row says where the bytes are:
 * - `letter:<sha256>`: the letter of request of that request, kept in `request_letters`;
 * - `evidence:<sha256>`: the request's evidence item of that SHA-256, once its file is stored
 *   (`evidence_items.content_ref`; until then the file is not yet to be had);
 * - anything else: a FileStore reference (a supporting document's `content_ref`).
 */
export const LETTER_CONTENT_REF = 'letter:';
export const EVIDENCE_CONTENT_REF = 'evidence:';

/** A file as a message lists it (the envelope's `files`). */
export interface ListedFile {
  sha256: string;
  sizeBytes: number;
  mediaType?: string;
  fileName?: string;
}

/** A file this node offers a peer: as listed, and where its bytes are. */
export interface OfferedFile extends ListedFile {
  contentRef: string;
}

/** Where an OUT row's bytes are, read from its `content_ref`. */
export type OfferedSource = { kind: 'LETTER'; sha256: string } | { kind: 'EVIDENCE'; sha256: string } | { kind: 'FILE'; ref: string };

export function letterContentRef(sha256: string): string {
  return `${LETTER_CONTENT_REF}${sha256}`;
}

export function evidenceContentRef(sha256: string): string {
  return `${EVIDENCE_CONTENT_REF}${sha256}`;
}

export function offeredSourceOf(contentRef: string): OfferedSource {
  if (contentRef.startsWith(LETTER_CONTENT_REF)) return { kind: 'LETTER', sha256: contentRef.slice(LETTER_CONTENT_REF.length) };
  if (contentRef.startsWith(EVIDENCE_CONTENT_REF)) return { kind: 'EVIDENCE', sha256: contentRef.slice(EVIDENCE_CONTENT_REF.length) };
  return { kind: 'FILE', ref: contentRef };
}

/** Each SHA-256 once (the row's key), the first listing kept. */
function distinct<F extends ListedFile>(files: readonly F[]): F[] {
  const seen = new Set<string>();
  return files.filter((f) => !seen.has(f.sha256) && seen.add(f.sha256));
}

function insert(rows: string[]): string {
  return `INSERT INTO federation_files (peer_id, direction, request_id, sha256, size_bytes, media_type, file_name, state, content_ref, next_attempt_at, created_at, updated_at)
    VALUES ${rows.join(', ')} ON CONFLICT (peer_id, direction, request_id, sha256) DO NOTHING`;
}

/** `INSERT INTO federation_files …` of the OUT rows (OFFERED) of the files listed to `peerId`; null when there is none. */
export function offeredFilesStatement(peerId: string, requestId: string, files: readonly OfferedFile[], at: Date, p: SqlParams): string | null {
  const list = distinct(files);
  if (list.length === 0) return null;
  const [peer, request, when] = [p.add(peerId), p.add(requestId), p.add(at)];
  return insert(list.map((f) => `(${peer}, 'OUT', ${request}, ${p.add(f.sha256)}, ${p.add(f.sizeBytes)}, ${p.add(f.mediaType ?? null)}, ${p.add(f.fileName ?? null)}, 'OFFERED', ${p.add(f.contentRef)}, NULL, ${when}, ${when})`));
}

/** `INSERT INTO federation_files …` of the IN rows (ARRIVING, due at once) of the files `peerId` listed; null when there is none. */
export function arrivingFilesStatement(peerId: string, requestId: string, files: readonly ListedFile[], at: Date, p: SqlParams): string | null {
  const list = distinct(files);
  if (list.length === 0) return null;
  const [peer, request, when] = [p.add(peerId), p.add(requestId), p.add(at)];
  return insert(list.map((f) => `(${peer}, 'IN', ${request}, ${p.add(f.sha256)}, ${p.add(f.sizeBytes)}, ${p.add(f.mediaType ?? null)}, ${p.add(f.fileName ?? null)}, 'ARRIVING', NULL, ${when}, ${when}, ${when})`));
}
