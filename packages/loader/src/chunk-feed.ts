import { Readable } from 'node:stream';

/**
 * A byte stream fed one chunk at a time by a producer that reuses its buffer. A Readable
 * asks for more (_read) only once what it holds has gone below its high-water mark, i.e.
 * once the consumer has taken the chunk; so hand() pushes a chunk and returns when the
 * stream asks again: the chunk is then the consumer's (mysql2 copies what it is given),
 * and a consumer that stops reading (a full socket) holds the producer back.
 */
export class ChunkFeed extends Readable {
  private asked = false;
  private wake?: () => void;

  constructor() {
    super({ highWaterMark: 16 << 10 });
  }

  override _read(): void {
    this.asked = true;
    this.wake?.();
  }

  /** Pushes `chunk` and resolves once the consumer has taken it; `chunk` may then be reused. */
  async hand(chunk: Buffer): Promise<void> {
    await this.askedFor();
    this.asked = false;
    this.push(chunk);
    await this.askedFor();
  }

  /** Ends the stream once the consumer has taken everything. */
  finish(): void {
    this.push(null);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.wake?.();
    done(err);
  }

  private async askedFor(): Promise<void> {
    while (!this.asked) {
      if (this.destroyed) throw this.errored ?? new Error('the stream was destroyed');
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
