import { Injectable } from '@nestjs/common';
import { AppConfig } from '@mla/core';
import { loadDirectory } from './domain/directory.loader';
import type { Directory, DirectoryEntry } from './domain/directory.types';

/** The directory of authorities (DESIGN §14), loaded and validated once at boot (a bad entry stops the boot naming it and its field). */
@Injectable()
export class DirectoryHolder {
  readonly directory: Directory;

  constructor(config: AppConfig) {
    this.directory = loadDirectory(config.DIRECTORY_PATH);
  }

  /** Every entry, by country then code. */
  entries(): DirectoryEntry[] {
    return [...this.directory.values()].sort((a, b) => a.country.localeCompare(b.country) || a.code.localeCompare(b.code));
  }
}
