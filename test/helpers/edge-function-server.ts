import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** How the fake edge function named in the path answers. */
export type EdgeBehaviour = 'ok' | 'error' | 'rate-limited' | 'hang';

/**
 * A local HTTP server answering like Supabase Edge Functions at `/functions/v1/<name>`, with a
 * behaviour per function name that a test can change, and `/health` as a plain health URL.
 */
export async function startEdgeFunctionServer(initial: Record<string, EdgeBehaviour>) {
  const behaviours = new Map(Object.entries(initial));
  const requests: Array<{
    path: string;
    method: string;
    authorization: string | undefined;
    body: string;
  }> = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const path = request.url ?? '';
      requests.push({
        path,
        method: request.method ?? '',
        authorization: request.headers.authorization,
        body,
      });
      const name = path.replace(/^\/functions\/v1\//, '').replace(/^\//, '');
      const behaviour = behaviours.get(name) ?? 'ok';
      if (behaviour === 'hang') {
        hanging.add(response);
        return;
      }
      if (behaviour === 'rate-limited') {
        response.writeHead(429, {'content-type': 'application/json', 'retry-after': '30'});
        return response.end('{"error":"rate limit exceeded"}');
      }
      if (behaviour === 'error') {
        response.writeHead(500, {'content-type': 'text/plain'});
        return response.end('worker boot error \u001b[31mcrashed\u001b[0m');
      }
      response.writeHead(200, {'content-type': 'application/json'});
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour: (name: string, behaviour: EdgeBehaviour) => behaviours.set(name, behaviour),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
