import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { DirectoryEntry } from './directory-entry';

/** The SQL of the directory a node publishes to its peers. */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** This node's LOCAL authorities not retired, by code: their public facts only (never a webhook or a person); no language listed: its registered one. */
  localAuthorities(): Promise<DirectoryEntry[]> {
    return this.dataSource.query(
      `SELECT code, country, kind, names, timezone,
              CASE WHEN cardinality(languages) > 0 THEN languages ELSE ARRAY[split_part(language, '-', 1)] END AS languages,
              channels, address, email
         FROM authorities WHERE reach = 'LOCAL' AND retired_at IS NULL ORDER BY code`,
    );
  }

  /** Serialises changes of the directory in the caller's transaction (the same lock as the boot's directory file): two readings never race on a new code. */
  async lockDirectory(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('mla-hub:directory'))`);
  }
}
