import { isUtf8 } from 'node:buffer';
import { lastSequenceStart } from './file-scan.ts';

/**
 * Checks chunk by chunk that a stream of bytes is UTF-8 throughout, a character cut
 * between two chunks included. The parser trusts the scan's verdict on opening; this
 * confirms it for the bytes the parser actually got (a file edited in between could
 * otherwise slip invalid bytes past as U+FFFD).
 */
export class Utf8Check {
  private valid = true;
  /** The start of a character that the previous chunk cut off (at most 3 bytes, copied). */
  private pending: Buffer = Buffer.alloc(0);

  update(chunk: Buffer): void {
    if (!this.valid) return;
    let start = 0;
    if (this.pending.length > 0) {
      // The cut character's remaining bytes are the continuation bytes that open this chunk.
      while (start < chunk.length && start < 3 && (chunk[start]! & 0xc0) === 0x80) start++;
      const joined = Buffer.concat([this.pending, chunk.subarray(0, start)]);
      if (start === chunk.length && joined.length < 4) {
        this.pending = joined;
        return;
      }
      this.valid = isUtf8(joined);
    }
    const rest = chunk.subarray(start);
    const cut = lastSequenceStart(rest);
    this.valid &&= isUtf8(rest.subarray(0, cut));
    this.pending = Buffer.from(rest.subarray(cut));
  }

  /** Whether every byte given was part of valid UTF-8; call once the stream has ended. */
  end(): boolean {
    if (this.valid && this.pending.length > 0) this.valid = isUtf8(this.pending);
    this.pending = Buffer.alloc(0);
    return this.valid;
  }
}
