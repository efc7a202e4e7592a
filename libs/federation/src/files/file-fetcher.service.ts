import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppConfig, Clock, WebhookTargetPolicy } from '@mla/core';
import { FileStore, FileTooLarge } from '@mla/storage';
import { signRequest } from '../crypto/message-signature';
import { NodeIdentity } from '../identity/node-identity';
import { streamFromPeer } from '../net/peer-request';
import { afterFetchFailure, fetchBodyBudgetMs, FILE_NOT_YET_STORED, filePath, mismatchOf, type FetchFailureKind } from './file-transfer';
import { FederationFilesRepository, type ClaimedFile, type FetchFailure } from './federation-files.repository';

/** An attempt that got no file (no answer, an error status, too many bytes, other bytes), with why; FINAL when no later attempt can do better. */
export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly kind: FetchFailureKind = 'RETRY',
  ) {
    super(message);
  }
}

/** The attempt lost its claim on the row meanwhile (its lease ran out and another attempt took it): its file is dropped. */
class ClaimLost extends Error {}

/** The most of a refusal's body read for its reason. */
const REASON_MAX_BYTES = 8 * 1024;
/** What a claim outlives beyond the longest an attempt may take. */
const LEASE_MARGIN_MS = 60_000;

/** What one pass did with each file it tried. */
export interface FetchReport {
  requestId: string;
  sha256: string;
  peer: string;
  state: 'RECEIVED' | 'ARRIVING' | 'FAILED';
  error: string | null;
}

/**
 * Fetches the files peers listed to this node (DESIGN §15, worker only): each ARRIVING file
 * due is claimed for one attempt (no two workers fetch it at once), asked of its peer with a
 * GET signed by this node's key (RFC 9421), streamed into the file store with the announced
 * size as its limit, and kept only when its size and SHA-256 are the ones announced: then it
 * is RECEIVED, and the request's evidence items of that SHA-256 still without their file get
 * it, in the same transaction. Anything else (no answer, a refusal, more bytes, other bytes,
 * a slow peer) keeps nothing, counts the attempt and retries after the backoff of
 * FEDERATION_BACKOFF_MS; FAILED after FEDERATION_MAX_ATTEMPTS (at once when announced larger than
 * EVIDENCE_MAX_BYTES, the most this node stores of a file), but never while the peer answers
 * that it has not stored the file yet. Times are the injected clock's.
 */
@Injectable()
export class FileFetcherService {
  private readonly log = new Logger('FederationFileFetch');

  constructor(
    private readonly files: FederationFilesRepository,
    private readonly identity: NodeIdentity,
    private readonly targets: WebhookTargetPolicy,
    private readonly store: FileStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Tries every file due now, one after the other, and answers what became of each. */
  async fetchDue(): Promise<FetchReport[]> {
    if (!this.identity.hasKey()) return [];
    const reports: FetchReport[] = [];
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.files.claimNext(now, (size) => new Date(now.getTime() + this.config.WEBHOOK_TIMEOUT_MS + this.bodyBudgetMs(size) + LEASE_MARGIN_MS));
      if (!claimed) return reports;
      reports.push(await this.attempt(claimed));
    }
  }

  private bodyBudgetMs(sizeBytes: number): number {
    return fetchBodyBudgetMs(sizeBytes, this.config.TRANSFER_MIN_BYTES_PER_SECOND, this.config.WEBHOOK_TIMEOUT_MS);
  }

  private async attempt(file: ClaimedFile): Promise<FetchReport> {
    const report = { requestId: file.requestId, sha256: file.sha256, peer: file.peerNode };
    let error: string;
    let kind: FetchFailureKind = 'RETRY';
    try {
      await this.fetch(file);
      return { ...report, state: 'RECEIVED', error: null };
    } catch (e) {
      if (e instanceof ClaimLost) {
        this.log.warn(`file ${file.sha256} of ${file.peerNode}: attempt ${file.attempts} ended after another took the file; its bytes dropped`);
        return { ...report, state: 'ARRIVING', error: e.message };
      }
      if (e instanceof FetchFailed) {
        error = e.message;
        kind = e.kind;
      } else if (e instanceof FileTooLarge) error = `${file.peerNode} answered more than the ${file.sizeBytes} bytes announced`;
      else {
        this.log.error(`file ${file.sha256} of ${file.peerNode}: ${String(e)}`);
        error = 'the attempt failed on this node';
      }
    }
    const at = this.clock.now();
    const next = afterFetchFailure(kind, file.attempts, this.config.FEDERATION_MAX_ATTEMPTS, at, this.config.FEDERATION_BACKOFF_MS);
    const failure: FetchFailure = next.state === 'FAILED' ? { state: 'FAILED', error, at } : { state: 'ARRIVING', nextAttemptAt: next.nextAttemptAt, error, at };
    if (!(await this.files.settleFailure(file, file.attempts, failure))) {
      this.log.warn(`file ${file.sha256} of ${file.peerNode}: attempt ${file.attempts} ended after the file moved on; its outcome (${failure.state}) not recorded`);
    }
    return { ...report, state: failure.state, error };
  }

  private async fetch(file: ClaimedFile): Promise<void> {
    if (file.sizeBytes > this.config.EVIDENCE_MAX_BYTES) {
      throw new FetchFailed(`${file.peerNode} announced ${file.sizeBytes} bytes: files over ${this.config.EVIDENCE_MAX_BYTES} bytes are not stored here`, 'FINAL');
    }
    const path = filePath(file.sha256);
    const headers = await signRequest({ method: 'GET', url: `${file.peerUrl}${path}`, contentType: '', body: new Uint8Array(0) }, this.identity.signingKey(), this.clock.now());
    const answer = await streamFromPeer(this.targets, file.peerUrl, path, {
      method: 'GET', headers, production: this.config.isProduction, accept: 'application/octet-stream',
      timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, bodyTimeoutMs: this.bodyBudgetMs(file.sizeBytes), maxBytes: file.sizeBytes,
      failure: (why) => new FetchFailed(why),
    });
    if (answer.status !== 200) {
      const reason = await reasonOf(answer.body);
      throw new FetchFailed(`${file.peerNode} answered HTTP ${answer.status}${reason ? ` (${reason})` : ''}`, answer.status === 404 && reason === FILE_NOT_YET_STORED ? 'NOT_YET_STORED' : 'RETRY');
    }
    await this.store.put({
      body: answer.body,
      maxBytes: file.sizeBytes,
      keep: async (stored, m) => {
        const mismatch = mismatchOf(stored, file);
        if (mismatch) throw new FetchFailed(`the file ${file.peerNode} answered is not the one announced: ${mismatch}`);
        const at = this.clock.now();
        if (!(await this.files.markReceived(m, file, file.attempts, stored.ref, at))) throw new ClaimLost('another attempt holds the file');
        await this.files.storeEvidenceContent(m, file.requestId, file.sha256, stored.ref, at);
      },
    });
  }
}

/** The `reason` (or `code`) of a peer's problem body, read up to REASON_MAX_BYTES; '' when there is none. */
async function reasonOf(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let read = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      read += (chunk as Buffer).length;
      if (read >= REASON_MAX_BYTES) break;
    }
  } catch {
    // cut short (too many bytes, a broken connection): whatever came is read
  } finally {
    body.destroy();
  }
  try {
    const problem = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reason?: unknown; code?: unknown };
    const reason = typeof problem.reason === 'string' ? problem.reason : typeof problem.code === 'string' ? problem.code : '';
    return reason.slice(0, 100);
  } catch {
    return '';
  }
}
