import { isUniqueViolation } from '@flc/storage/postgres';
import { conflict } from './errors.ts';

/**
 * Runs a write whose unique name the database guards with `constraint`, answering 409 for a
 * name in use (`A <noun> named “<name>” exists already`).
 */
export async function uniqueName<T>(
  constraint: string,
  noun: string,
  name: string | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e, constraint))
      throw conflict(`A ${noun} named “${name}” exists already`);
    throw e;
  }
}
