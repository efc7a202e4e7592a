import { Injectable } from '@nestjs/common';
import { dummyHash, verifyPassword } from './password';

/**
 * The one place where a password is compared with its argon2id hash (an unknown account is
 * compared with a dummy hash, so that timing tells nothing). It counts the comparisons it
 * makes: the figure the limits are judged by (how many attempts reached a check).
 */
@Injectable()
export class PasswordVerifier {
  private count = 0;

  /** Comparisons made by this process so far. */
  get checks(): number {
    return this.count;
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    const against = hash ?? (await dummyHash());
    this.count++;
    return verifyPassword(against, password);
  }
}
