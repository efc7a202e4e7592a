import { Module } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { FileStore } from './file-store';
import { FilesystemFileStore } from './filesystem-file-store';
import { LargeObjectsRepository } from './large-objects.repository';
import { PostgresFileStore } from './postgres-file-store';

/** The file store FILE_STORE names: PostgreSQL large objects (default) or this machine's disk. */
@Module({
  providers: [
    LargeObjectsRepository,
    PostgresFileStore,
    FilesystemFileStore,
    { provide: FileStore, inject: [AppConfig, PostgresFileStore, FilesystemFileStore], useFactory: (c: AppConfig, pg: PostgresFileStore, fs: FilesystemFileStore) => (c.FILE_STORE === 'filesystem' ? fs : pg) },
  ],
  exports: [FileStore],
})
export class StorageModule {}
