import { Module } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { FileConnections } from './file-connections';
import { FileStore } from './file-store';
import { FilesystemFileStore } from './filesystem-file-store';
import { LargeObjectsRepository } from './large-objects.repository';
import { PostgresFileStore } from './postgres-file-store';
import { FileTransferInterceptor } from './transfers/file-transfer.interceptor';
import { FileTransfers } from './transfers/file-transfers';
import { TransferSlots } from './transfers/transfer-slots';

/**
 * The file store FILE_STORE names: PostgreSQL large objects (default) or this machine's disk;
 * and the caps and watch every file transfer runs under (FileTransfer()).
 */
@Module({
  providers: [
    LargeObjectsRepository,
    FileConnections,
    PostgresFileStore,
    FilesystemFileStore,
    TransferSlots,
    FileTransfers,
    FileTransferInterceptor,
    { provide: FileStore, inject: [AppConfig, PostgresFileStore, FilesystemFileStore], useFactory: (c: AppConfig, pg: PostgresFileStore, fs: FilesystemFileStore) => (c.FILE_STORE === 'filesystem' ? fs : pg) },
  ],
  exports: [FileStore, FileTransfers, FileTransferInterceptor],
})
export class StorageModule {}
