import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { parse, print, stripIgnoredCharacters } from 'graphql';
import { errorCodes } from '@wholechild/shared/core';

/** The registered operations (`npm run operations:register`), committed and reviewed. */
export const MANIFEST_FILE = path.join(__dirname, '..', '..', 'operations', 'manifest.json');

export interface RegisteredOperation {
  /** sha256 (hex) of `body`: the id a client sends (APQ's `sha256Hash`). */
  id: string;
  /** The operation's name. */
  name: string;
  /** Who registered it: `web` (the platform's own app) or a partner's folder name. */
  client: string;
  /** The operation in normal form (normalizeOperation). */
  body: string;
}

export interface OperationManifest {
  format: 'wholechild-operations/1';
  operations: RegisteredOperation[];
}

/** One text per operation whatever its layout or comments: printed, then stripped of ignored
 *  characters. Two texts of the same operation have the same id. */
export const normalizeOperation = (text: string) => stripIgnoredCharacters(print(parse(text)));
export const operationId = (normalized: string) => createHash('sha256').update(normalized).digest('hex');

export function readManifest(file = MANIFEST_FILE): OperationManifest {
  if (!fs.existsSync(file)) return { format: 'wholechild-operations/1', operations: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as OperationManifest;
}

/** What the gateway knows of the registered operations. */
export class TrustedDocuments {
  private readonly byId = new Map<string, RegisteredOperation>();

  constructor(
    manifest: OperationManifest,
    /** `enforce`: only registered operations run; `off`: any operation (APQ registers new ones). */
    readonly mode: 'off' | 'enforce',
  ) {
    for (const op of manifest.operations) this.byId.set(op.id, op);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The registered operation this text is, or undefined (unparseable text included). */
  find(text: string): RegisteredOperation | undefined {
    try {
      return this.byId.get(operationId(normalizeOperation(text)));
    } catch {
      return undefined;
    }
  }

  /**
   * Apollo Server's persisted-query cache: a registered operation is found by its id without ever
   * having been sent in full (the manifest preloads it); in `off` mode other clients register their
   * own the APQ way, kept in memory (at most `max`, oldest dropped). In `enforce` mode nothing is
   * registered at run time.
   */
  apqCache(max = 1000): KeyValueCache<string> {
    const learned = new Map<string, string>();
    return {
      get: async (key) => {
        const hash = key.replace(/^apq:/, '');
        return this.byId.get(hash)?.body ?? learned.get(hash);
      },
      set: async (key, value) => {
        if (this.mode === 'enforce') return;
        const hash = key.replace(/^apq:/, '');
        learned.delete(hash);
        learned.set(hash, value);
        if (learned.size > max) learned.delete(learned.keys().next().value!);
      },
      delete: async (key) => {
        learned.delete(key.replace(/^apq:/, ''));
      },
    };
  }

  /** In `enforce` mode, refuses before anything runs an operation that is not registered. */
  plugin<T extends BaseContext>(): ApolloServerPlugin<T> {
    const mode = this.mode;
    const find = (text: string) => this.find(text);
    return {
      async requestDidStart() {
        if (mode !== 'enforce') return;
        return {
          async didResolveOperation({ source }) {
            if (!find(source))
              throw errorCodes.OPERATION_NOT_REGISTERED.err(
                'Only registered operations run here; register it with `npm run operations:register`',
              );
          },
        };
      },
    };
  }
}
