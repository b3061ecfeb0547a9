/**
 * The load generator, run as a child process of its own (`bench/lib/load.ts`
 * spawns it) so that it never shares an event loop with the server it loads.
 *
 * `connections` keep-alive HTTP/1.1 connections to 127.0.0.1 each send one
 * request (GET, or POST with a JSON body), wait for the whole response, and
 * send the next (no pipelining); with `paths` (or `bodies`), the requests go
 * to those paths (with those bodies) in turn (one shared rotation); with
 * `vary`, every request carries a header of its own (a unique key, or a
 * client address). The options come as JSON on stdin. Responses
 * completed during the warm-up are not counted; those completed in the
 * measurement window are counted and their latency (request written → last
 * byte of the response read) recorded. It stops by itself: after the window, or
 * after `maxRequests`, or at a hard deadline, whichever comes first; then it
 * prints one line of JSON (a `LoadResult`) and exits.
 *
 * Responses must carry Content-Length (Fastify's JSON replies do); anything
 * else counts as an error.
 */
import { connect, type Socket } from 'node:net';
import { percentile } from './util.js';

/**
 * A header whose value differs for every request sent (n = 0, 1, 2… over the
 * whole run, warm-up included): `key` gives `${prefix}${n}` (idempotency
 * keys), `ipv4` gives the address `10.a.b.c` for `offset + n` (client
 * addresses in X-Forwarded-For, each used once).
 */
export type VaryHeader = { name: string; kind: 'key'; prefix: string } | { name: string; kind: 'ipv4'; offset: number };

export type LoadOptions = {
  port: number;
  path: string;
  /** When given (non-empty), used instead of `path`: request n goes to paths[n mod length]. */
  paths?: string[];
  /** `POST` sends a JSON body: `body`, or request n bodies[n mod length]. Default `GET`. */
  method?: 'GET' | 'POST';
  body?: string;
  bodies?: string[];
  vary?: VaryHeader;
  headers: Record<string, string>;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Upper bound on requests sent in all (warm-up included). */
  maxRequests: number;
  /** A response slower than this ends its connection and counts as an error. */
  responseTimeoutMs: number;
};

export type LoadResult = {
  /** Responses completed in the measurement window. */
  requests: number;
  windowMs: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Status counts in the window. */
  statuses: Record<string, number>;
  /** Connection errors, timeouts and unparseable responses, in all phases. */
  errors: number;
  firstError: string | null;
  /** All 2xx responses, warm-up included (to compare with rows written). */
  total2xx: number;
  totalResponses: number;
};

const MAX_ERRORS = 1000;

function parseOptions(raw: string): LoadOptions {
  if (!raw.trim()) throw new Error('usage: load-worker.ts < options as JSON');
  const o = JSON.parse(raw) as LoadOptions;
  if (!Number.isInteger(o.port) || o.port <= 0 || o.port > 65535) throw new Error('bad port');
  if (!o.path.startsWith('/')) throw new Error('bad path');
  if (o.paths !== undefined && !(Array.isArray(o.paths) && o.paths.every((p) => typeof p === 'string' && p.startsWith('/')))) throw new Error('bad paths');
  if (!(o.connections >= 1 && o.connections <= 256)) throw new Error('bad connections');
  if (!(o.durationMs > 0 && o.durationMs <= 60_000 && o.warmupMs >= 0 && o.warmupMs <= 60_000)) throw new Error('bad duration');
  if (!(o.maxRequests >= 1)) throw new Error('bad maxRequests');
  if (o.method !== undefined && o.method !== 'GET' && o.method !== 'POST') throw new Error('bad method');
  if (o.vary !== undefined && !/^[a-z0-9-]+$/i.test(o.vary.name)) throw new Error('bad vary header');
  return o;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (c: string) => (text += c));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

function varied(vary: VaryHeader, n: number): string {
  if (vary.kind === 'key') return `${vary.prefix}${n}`;
  const a = (vary.offset + n) % 16_777_216;
  return `10.${a >>> 16}.${(a >>> 8) & 255}.${a & 255}`;
}

/** Request n as bytes: the rotation's path and body, the fixed headers, the varying one. */
function requestBuilder(o: LoadOptions): (n: number) => Buffer {
  const method = o.method ?? 'GET';
  const headerLines = Object.entries({ host: `127.0.0.1:${o.port}`, connection: 'keep-alive', ...o.headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const paths = o.paths && o.paths.length > 0 ? o.paths : [o.path];
  const bodies = method === 'GET' ? [undefined] : o.bodies && o.bodies.length > 0 ? o.bodies : [o.body ?? ''];
  const fixed = paths.flatMap((p) =>
    bodies.map((b) => {
      const body = b === undefined ? '' : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(b)}\r\n`;
      return { head: `${method} ${p} HTTP/1.1\r\n${headerLines}${body}`, body: b ?? '' };
    }),
  );
  // Without a varying header the requests are built once, as before.
  const built = o.vary ? undefined : fixed.map((r) => Buffer.from(`${r.head}\r\n${r.body}`, 'utf8'));
  const vary = o.vary;
  return (n) => {
    // paths and bodies rotate together over one counter (their lengths' product).
    const i = (n % paths.length) * bodies.length + (n % bodies.length);
    if (built) return built[i] ?? Buffer.alloc(0);
    const r = fixed[i];
    if (!r || !vary) return Buffer.alloc(0);
    return Buffer.from(`${r.head}${vary.name}: ${varied(vary, n)}\r\n\r\n${r.body}`, 'utf8');
  };
}

async function main(): Promise<void> {
  const o = parseOptions(await readStdin());
  const requestOf = requestBuilder(o);

  const start = performance.now();
  const windowStart = start + o.warmupMs;
  let windowEnd = windowStart + o.durationMs;
  const hardDeadline = windowEnd + o.responseTimeoutMs + 1_000;

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  let firstError: string | null = null;
  let total2xx = 0;
  let totalResponses = 0;
  let stopping = false;

  const stop = (now: number) => {
    if (stopping) return;
    stopping = true;
    windowEnd = Math.max(windowStart, Math.min(windowEnd, now));
  };
  const fail = (why: string) => {
    errors += 1;
    firstError ??= why;
    if (errors >= MAX_ERRORS) stop(performance.now());
  };

  /** One connection's request loop; resolves when it has stopped and closed. */
  const connection = () =>
    new Promise<void>((resolve) => {
      let socket: Socket | undefined;
      let buffer: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let inFlight = false;
      let timer: NodeJS.Timeout | undefined;
      let finished = false;

      const finish = () => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        socket?.destroy();
        resolve();
      };
      const send = () => {
        const now = performance.now();
        if (now >= windowEnd || sent >= o.maxRequests) stop(now);
        if (stopping || !socket) return finish();
        const request = requestOf(sent);
        if (request.length === 0) return finish();
        sent += 1;
        inFlight = true;
        sentAt = now;
        timer = setTimeout(() => {
          fail(`no response within ${o.responseTimeoutMs} ms`);
          reopen();
        }, o.responseTimeoutMs);
        socket.write(request);
      };
      const complete = (status: number) => {
        const now = performance.now();
        clearTimeout(timer);
        inFlight = false;
        totalResponses += 1;
        if (status >= 200 && status < 300) total2xx += 1;
        if (now >= windowStart && now < windowEnd) {
          latencies.push(now - sentAt);
          statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
        }
      };
      const onData = (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const head = buffer.toString('latin1', 0, headerEnd);
        const status = Number(head.slice(9, 12));
        const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head)?.[1];
        if (!head.startsWith('HTTP/1.') || !Number.isInteger(status) || length === undefined) {
          fail(`unreadable response: ${head.split('\r\n')[0] ?? ''} (no content-length?)`);
          return reopen();
        }
        const total = headerEnd + 4 + Number(length);
        if (buffer.length < total) return;
        buffer = buffer.subarray(total);
        complete(status);
        if (/\r\nconnection:[ \t]*close/i.test(head)) return reopen();
        send();
      };
      const open = () => {
        buffer = Buffer.alloc(0);
        const s = connect({ host: '127.0.0.1', port: o.port });
        socket = s;
        s.setNoDelay(true);
        s.on('connect', send);
        s.on('data', onData);
        s.on('error', (err) => {
          if (socket === s) fail(`connection error: ${err.message}`);
        });
        s.on('close', () => {
          if (socket !== s) return;
          if (inFlight) fail('connection closed mid-response');
          reopen();
        });
      };
      function reopen(): void {
        clearTimeout(timer);
        inFlight = false;
        const old = socket;
        socket = undefined;
        old?.destroy();
        if (stopping || performance.now() >= windowEnd) return finish();
        open();
      }
      open();
    });

  const deadline = new Promise<void>((resolve) => setTimeout(resolve, hardDeadline - start).unref());
  await Promise.race([Promise.all(Array.from({ length: o.connections }, connection)), deadline]);
  stop(performance.now());

  latencies.sort((a, b) => a - b);
  const windowMs = windowEnd - windowStart;
  const result: LoadResult = {
    requests: latencies.length,
    windowMs,
    rps: windowMs > 0 ? (latencies.length * 1000) / windowMs : 0,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      mean: latencies.length > 0 ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Number.NaN,
    },
    statuses,
    errors,
    firstError,
    total2xx,
    totalResponses,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0); // sockets cut at the hard deadline may still be open
}

main().catch((err: unknown) => {
  process.stderr.write(`load generator failed: ${String(err)}\n`);
  process.exit(2);
});
