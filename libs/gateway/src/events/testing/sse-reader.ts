import { request, type IncomingMessage } from 'node:http';
import { expectEventually } from '@contingency/testing';

export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseReader {
  status: number;
  messages: SseMessage[];
  comments: string[];
  /** Resolves once `count` messages have arrived (all of them, in order). */
  waitFor(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  close(): Promise<void>;
}

/**
 * FOR TESTS: a minimal EventSource that records what the server sent. Plain node:http on a socket of
 * its own (fetch's pool keeps spare sockets open, which holds up a server's close).
 */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false });
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve).once('error', reject).end();
  });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const ended = new Promise<void>((resolve) => res.once('close', resolve));
  parse(res, messages, comments);
  return {
    status: res.statusCode ?? 0,
    messages,
    comments,
    waitFor: (count, timeoutMs = 10_000) =>
      expectEventually(
        () => {
          if (messages.length < count) throw new Error(`${messages.length} of ${count} events arrived`);
          return messages.slice(0, count);
        },
        { timeoutMs, intervalMs: 20 },
      ),
    close: async () => {
      req.destroy();
      await ended;
    },
  };
}

function parse(res: IncomingMessage, messages: SseMessage[], comments: string[]): void {
  let buffered = '';
  res.setEncoding('utf8');
  res.on('error', () => undefined); // a destroyed request ends the stream with an abort
  res.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const message: SseMessage = { data: '' };
      let isMessage = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else if (line.startsWith('id: ')) [message.id, isMessage] = [line.slice(4), true];
        else if (line.startsWith('event: ')) message.event = line.slice(7);
        else if (line.startsWith('data: ')) [message.data, isMessage] = [line.slice(6), true];
      }
      if (isMessage) messages.push(message);
    }
  });
}
