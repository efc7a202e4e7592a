import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppConfig } from '@mla/core';
import { TransferSlots } from './transfer-slots';
import { isTooSlow, type TransferDirection } from './transfer-rate';

/** A transfer under way: `end` frees its place and stops watching it (idempotent). */
export interface Transfer {
  end(): void;
}

/**
 * What every file upload and download goes through before a byte moves (issue 22 item 1):
 * a place among the user's TRANSFERS_PER_USER (429 beyond), and a watch that cuts the
 * connection of a transfer slower than TRANSFER_MIN_BYTES_PER_SECOND over a window of
 * TRANSFER_RATE_WINDOW_MS, counted only while the client is the one holding it up (an
 * upload's body still arriving; a download with bytes waiting on the client). The place is
 * freed when the transfer ends, fails, or is cut.
 */
@Injectable()
export class FileTransfers {
  constructor(
    private readonly slots: TransferSlots,
    private readonly config: AppConfig,
  ) {}

  async begin(userId: string, direction: TransferDirection, req: IncomingMessage, res: ServerResponse): Promise<Transfer> {
    const slot = await this.slots.acquire(userId);
    const socket = req.socket;
    const windowMs = this.config.TRANSFER_RATE_WINDOW_MS;
    const minBytes = (this.config.TRANSFER_MIN_BYTES_PER_SECOND * windowMs) / 1000;
    let last = direction === 'upload' ? socket.bytesRead : socket.bytesWritten;
    let ended = false;
    // A request injected in-process (light-my-request: no network socket) has no idle timeout to set.
    const idleTimeout = (ms: number) => {
      if (typeof socket.setTimeout === 'function' && !socket.destroyed) socket.setTimeout(ms);
    };
    const end = () => {
      if (ended) return;
      ended = true;
      // A keep-alive socket carries many transfers: each one's listener goes with it.
      socket.off('close', end);
      clearInterval(timer);
      slot.release();
      idleTimeout(this.config.HTTP_IDLE_TIMEOUT_MS);
    };
    // An upload received whole is the server's to store: the socket's idle timeout waits for the answer.
    if (direction === 'upload') req.once('end', () => idleTimeout(0));
    const timer = setInterval(() => {
      const now = direction === 'upload' ? socket.bytesRead : socket.bytesWritten;
      const progress = now - last;
      last = now;
      const waitingOnClient = direction === 'upload' ? !req.complete : res.headersSent && !res.writableFinished && socket.writableLength > 0;
      if (minBytes > 0 && isTooSlow({ progress, minBytes, waitingOnClient })) {
        end();
        socket.destroy();
        return;
      }
      slot.renew();
    }, windowMs);
    timer.unref();
    res.once('close', end);
    socket.once('close', end);
    return { end };
  }
}
