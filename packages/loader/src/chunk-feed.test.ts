import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ChunkFeed } from './chunk-feed.ts';

/** A consumer like mysql2's: it copies each chunk as it comes, and can be paused. */
function copyingConsumer(feed: ChunkFeed): { received: () => string } {
  const copies: Buffer[] = [];
  feed.on('data', (chunk: Buffer) => copies.push(Buffer.from(chunk)));
  return { received: () => Buffer.concat(copies).toString() };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([promise.then(() => true), sleep(ms).then(() => false)]);
}

describe('ChunkFeed', () => {
  it('hands every chunk over intact although the producer refills one buffer', async () => {
    const feed = new ChunkFeed();
    const consumer = copyingConsumer(feed);
    const buffer = Buffer.alloc(64 << 10);
    let expected = '';
    for (const letter of 'abcdefgh') {
      buffer.fill(letter);
      await feed.hand(buffer);
      expected += letter.repeat(buffer.length);
    }
    feed.finish();
    await new Promise((resolve) => feed.on('end', resolve));
    expect(consumer.received()).toBe(expected);
  });

  it('keeps hand() waiting while a paused consumer has not taken the chunk, so the buffer is not refilled under it', async () => {
    const feed = new ChunkFeed();
    const consumer = copyingConsumer(feed);
    await feed.hand(Buffer.from('first '));
    feed.pause();
    const buffer = Buffer.alloc(1 << 20, 's');
    const handed = feed.hand(buffer);
    expect(await settlesWithin(handed, 200)).toBe(false);
    feed.resume();
    await handed;
    buffer.fill('x');
    expect(consumer.received()).toBe(`first ${'s'.repeat(1 << 20)}`);
  });

  it('fails a waiting hand() when the stream is destroyed', async () => {
    const feed = new ChunkFeed();
    feed.on('error', () => undefined);
    const waiting = feed.hand(Buffer.from('never taken'));
    feed.destroy(new Error('load abandoned'));
    await expect(waiting).rejects.toThrow('load abandoned');
  });
});
