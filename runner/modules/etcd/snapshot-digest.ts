// etcd appends the sha256 of the db to a snapshot stream. SnapshotDigest checks that trailer as the
// bytes go by, holding only the last 32 bytes, so a snapshot of any size is checked in constant memory.
import { createHash, type Hash } from 'node:crypto';

/** What a snapshot file's own trailer says about it. */
export interface SnapshotCheck {
  size: number;
  sha256: string;
  /** True when the last 32 bytes are the sha256 of everything before them (etcd's trailer). */
  trailerOk: boolean;
}

/** Incremental check of a snapshot stream: feed every chunk, then `result()`. */
export class SnapshotDigest {
  private readonly whole: Hash = createHash('sha256');
  private readonly body: Hash = createHash('sha256');
  private tail = Buffer.alloc(0);
  private size = 0;

  /** Takes the next chunk. */
  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.whole.update(chunk);
    const joined = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    if (joined.length <= 32) {
      this.tail = Buffer.from(joined);
      return;
    }
    this.body.update(joined.subarray(0, joined.length - 32));
    this.tail = Buffer.from(joined.subarray(joined.length - 32));
  }

  /** The size, the sha256 of everything, and whether the trailer matches. */
  result(): SnapshotCheck {
    const sha256 = this.whole.digest('hex');
    return { size: this.size, sha256, trailerOk: this.size > 32 && this.body.digest().equals(this.tail) };
  }
}

/** Checks etcd's appended sha256 over a whole snapshot in memory (tests, small files). */
export function checkSnapshot(data: Buffer): SnapshotCheck {
  const d = new SnapshotDigest();
  d.update(data);
  return d.result();
}
