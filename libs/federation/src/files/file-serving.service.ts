import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { FileStore } from '@mla/storage';
import { PeerGate, type PeerGetCall, type PeerJsonAnswer } from '../intake/peer-gate';
import { contentDigestOfHex, FILE_NOT_YET_STORED, isSha256Hex } from './file-transfer';
import { FederationFilesRepository, type OfferedFile } from './federation-files.repository';
import { offeredSourceOf } from './federation-files.statements';

/** A file for a peer: its bytes streamed, their length and Content-Digest (RFC 9530). */
export interface ServedFile {
  stream: Readable;
  sizeBytes: number;
  contentDigest: string;
}

export type FileAnswer = { ok: true; file: ServedFile } | { ok: false; answer: PeerJsonAnswer };

/**
 * A file for a peer by its SHA-256 (DESIGN §15): only to an ACTIVE peer's signed GET
 * (PeerGate), only a file this node listed in a message to that very peer (an OUT row of
 * `federation_files`), streamed from the file store, never read whole. Every refusal is a
 * signed problem: 401/403 from the gate, 400 for a name that is no SHA-256, 404 for a file
 * not sent to that peer (whether or not this node holds it: the answer says nothing more).
 */
@Injectable()
export class FileServingService {
  private readonly log = new Logger('FederationFiles');

  constructor(
    private readonly gate: PeerGate,
    private readonly files: FederationFilesRepository,
    private readonly store: FileStore,
  ) {}

  async serve(call: PeerGetCall, sha256: string): Promise<FileAnswer> {
    const verdict = await this.gate.authenticateGet(call);
    if (!verdict.ok) return verdict;
    if (!isSha256Hex(sha256)) {
      const answer = await this.gate.refuse(call, {
        code: 'VALIDATION_FAILED', reason: 'MALFORMED_SHA256', detail: 'A file is named by its SHA-256: 64 lower-case hex digits',
        errors: [{ field: 'sha256', message: 'must be 64 lower-case hex digits' }],
      }, verdict.now);
      return { ok: false, answer };
    }
    const offered = await this.files.offeredTo(verdict.peer.id, sha256);
    const notFound = () => this.gate.refuse(call, { code: 'NOT_FOUND', reason: 'FILE_NOT_SENT', detail: `No file ${sha256} was sent to ${verdict.peer.nodeId}` }, verdict.now);
    if (!offered) return { ok: false, answer: await notFound() };
    let stream: Readable | null;
    try {
      stream = await this.bytesOf(offered, sha256);
    } catch (error) {
      // The row names bytes the store no longer has: this node's fault, reported here; the peer retries later.
      this.log.error(`file ${sha256} sent to ${verdict.peer.nodeId}: its bytes (${offered.contentRef}) cannot be read: ${String(error)}`);
      return { ok: false, answer: await notFound() };
    }
    if (!stream) {
      // An evidence item listed at its delivery whose file is still being uploaded here: the peer's fetch is retried.
      const answer = await this.gate.refuse(call, { code: 'NOT_FOUND', reason: FILE_NOT_YET_STORED, detail: `The file ${sha256} is not yet stored on this node; fetch it again later` }, verdict.now);
      return { ok: false, answer };
    }
    return { ok: true, file: { stream, sizeBytes: offered.sizeBytes, contentDigest: contentDigestOfHex(sha256) } };
  }

  /** The bytes of a file offered to a peer, by where its OUT row says they are; null while an evidence item's file is not yet stored. */
  private async bytesOf(offered: OfferedFile, sha256: string): Promise<Readable | null> {
    const source = offeredSourceOf(offered.contentRef);
    if (source.kind === 'FILE') return this.store.get(source.ref);
    if (source.kind === 'LETTER') {
      const pdf = await this.files.letterPdf(offered.requestId, source.sha256);
      if (!pdf) throw new Error(`no letter ${source.sha256} of request ${offered.requestId}`);
      return Readable.from([pdf]);
    }
    const ref = await this.files.evidenceContentRef(offered.requestId, sha256);
    return ref ? this.store.get(ref) : null;
  }
}
