import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** INV_WRITE | INV_READ (libpq's large-object modes). */
const WRITE = 0x20000 | 0x40000;

/** The SQL of PostgreSQL large objects (server-side lo_* functions). */
@Injectable()
export class LargeObjectsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new, empty large object, opened for writing, in the caller's transaction. */
  async create(m: EntityManager): Promise<{ oid: number; fd: number }> {
    const [row] = (await m.query(`SELECT o.oid::int8::text AS oid, lo_open(o.oid, ${WRITE}) AS fd FROM (SELECT lo_create(0) AS oid) o`)) as { oid: string; fd: number }[];
    return { oid: Number(row?.oid), fd: row?.fd as number };
  }

  async write(m: EntityManager, fd: number, chunk: Buffer): Promise<void> {
    await m.query(`SELECT lowrite($1, $2)`, [fd, chunk]);
  }

  async close(m: EntityManager, fd: number): Promise<void> {
    await m.query(`SELECT lo_close($1)`, [fd]);
  }

  /** Whether a large object exists (a committed one: the statement is its own transaction). */
  async exists(oid: number): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM pg_largeobject_metadata WHERE oid = $1::oid`, [oid])) as unknown[];
    return rows.length > 0;
  }

  /**
   * Up to `length` bytes at `offset` (an empty buffer past the end), in a statement of its
   * own: the pooled connection is back in the pool as soon as the chunk is read.
   */
  async readAt(oid: number, offset: number, length: number): Promise<Buffer> {
    const [row] = (await this.dataSource.query(`SELECT lo_get($1::oid, $2::int8, $3::int4) AS chunk`, [oid, offset, length])) as { chunk: Buffer | null }[];
    return row?.chunk ?? Buffer.alloc(0);
  }

  async unlink(m: EntityManager, oid: number): Promise<void> {
    await m.query(`SELECT lo_unlink($1::oid)`, [oid]);
  }
}
