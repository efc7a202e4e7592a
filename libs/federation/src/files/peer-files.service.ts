import { Injectable } from '@nestjs/common';
import { AppException } from '@mla/core';
import { isSha256Hex } from './file-transfer';
import { FederationFilesRepository, type PeerFileRow } from './federation-files.repository';
import type { PeerFileDto, PeerFileListDto } from './peer-file.dto';

export function toPeerFileDto(r: PeerFileRow): PeerFileDto {
  return {
    sha256: r.sha256, direction: r.direction, peer: r.peerNode, fileName: r.fileName, mediaType: r.mediaType, sizeBytes: Number(r.sizeBytes),
    state: r.state, attempts: r.attempts, lastError: r.lastError, receivedAt: r.receivedAt?.toISOString() ?? null, listedAt: r.createdAt.toISOString(),
  };
}

/** A file received from a peer, as its download needs it. */
export interface ReceivedPeerFile {
  contentRef: string;
  sizeBytes: number;
  sha256: string;
  fileName: string | null;
  mediaType: string | null;
}

/**
 * A request's files that cross between nodes, for people (DESIGN §15); the caller's right to
 * see the request is checked by the caller of this service. A file a peer sent is shown as
 * arriving until its bytes are fetched and verified; only then can it be read.
 */
@Injectable()
export class PeerFilesService {
  constructor(private readonly files: FederationFilesRepository) {}

  async ofRequest(requestId: string): Promise<PeerFileListDto> {
    return { items: (await this.files.ofRequest(requestId)).map(toPeerFileDto) };
  }

  /** The file of that SHA-256 a peer sent for the request, once RECEIVED: 404 when none was sent, 409 while it is arriving or after it failed. */
  async received(requestId: string, sha256: string): Promise<ReceivedPeerFile> {
    if (!isSha256Hex(sha256)) throw AppException.validation([{ field: 'sha256', message: 'must be 64 lower-case hex digits' }]);
    const [file] = await this.files.incoming(requestId, sha256);
    if (!file) throw AppException.notFound('File from a peer');
    if (file.state !== 'RECEIVED' || file.contentRef === null) {
      const why = file.state === 'FAILED' ? `could not be fetched from ${file.peerNode} (${file.lastError ?? 'no reason recorded'})` : `is still arriving from ${file.peerNode}`;
      throw new AppException('CONFLICT', `The file ${sha256} ${why}`);
    }
    return { contentRef: file.contentRef, sizeBytes: Number(file.sizeBytes), sha256: file.sha256, fileName: file.fileName, mediaType: file.mediaType };
  }
}
