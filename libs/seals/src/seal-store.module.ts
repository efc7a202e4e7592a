import { Module } from '@nestjs/common';
import { SealKeyStore } from './seal-key-store';

/** The sealing certificates' secret store, for whoever seals (the requests' `send`). */
@Module({ providers: [SealKeyStore], exports: [SealKeyStore] })
export class SealStoreModule {}
