import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** INV_WRITE | INV_READ, and INV_READ (libpq's large-object modes). */
const WRITE = 0x20000 | 0x40000;
const READ = 0x40000;

/** The SQL of PostgreSQL large objects (server-side lo_* functions), in the caller's transaction. */
@Injectable()
export class LargeObjectsRepository {
  /** A new, empty large object, opened for writing. */
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

  async openForRead(m: EntityManager, oid: number): Promise<number> {
    const [row] = (await m.query(`SELECT lo_open($1::oid, ${READ}) AS fd`, [oid])) as { fd: number }[];
    return row?.fd as number;
  }

  /** Up to `length` bytes from the current position; an empty buffer at the end. */
  async read(m: EntityManager, fd: number, length: number): Promise<Buffer> {
    const [row] = (await m.query(`SELECT loread($1, $2) AS chunk`, [fd, length])) as { chunk: Buffer }[];
    return row?.chunk ?? Buffer.alloc(0);
  }

  async unlink(m: EntityManager, oid: number): Promise<void> {
    await m.query(`SELECT lo_unlink($1::oid)`, [oid]);
  }
}
