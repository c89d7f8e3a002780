import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** How a demo edge function answers right now. */
export type DemoFunctionBehaviour = 'ok' | 'rate-limited' | 'error';

/** The demo's edge functions: a local server answering like `/functions/v1/<name>`. */
export type DemoEdgeFunctions = {
  /** `http://127.0.0.1:<port>`, used as the demo's SUPABASE_URL. */
  url: string;
  /** The functions the demo configures, in pane order. */
  names: readonly string[];
  set: (name: string, behaviour: DemoFunctionBehaviour) => void;
  /** Handles the admin API's `POST /api/campaigns/:id/stop` once the demo database is up. */
  setCampaignStopper: (stop: (campaignId: string) => Promise<boolean>) => void;
  close: () => Promise<void>;
};

const names = ['send-email', 'campaign-dispatch', 'stripe-webhook'] as const;

/**
 * Starts the demo's stand-in for Supabase Edge Functions on a random loopback port, so the
 * Integrations pane is live in the demo; the scenario turns functions to 429 or 500 and back.
 */
export async function startDemoEdgeFunctions(): Promise<DemoEdgeFunctions> {
  const behaviours = new Map<string, DemoFunctionBehaviour>(names.map((name) => [name, 'ok']));
  const answer = (response: ServerResponse, name: string) => {
    const behaviour = behaviours.get(name);
    if (behaviour === 'rate-limited') {
      response.writeHead(429, {'content-type': 'application/json', 'retry-after': '30'});
      return response.end('{"error":"Twilio 429: too many requests"}');
    }
    if (behaviour === 'error') {
      response.writeHead(500, {'content-type': 'text/plain'});
      return response.end('worker boot error: STRIPE_WEBHOOK_SECRET is not set');
    }
    const status = behaviour === undefined && name !== 'health' ? 404 : 200;
    response.writeHead(status, {'content-type': 'application/json'});
    response.end(status === 200 ? '{"ok":true}' : '{"error":"function not found"}');
  };
  let stopCampaign: ((campaignId: string) => Promise<boolean>) | undefined;
  // The demo application's admin API, so the Campaigns pane's stop action has an endpoint.
  const stopRoute = /^\/api\/campaigns\/(\d{1,12})\/stop$/;
  const answerStop = async (response: ServerResponse, campaignId: string) => {
    const stopped = (await stopCampaign?.(campaignId).catch(() => false)) ?? false;
    response.writeHead(stopped ? 202 : 404, {'content-type': 'application/json'});
    response.end(stopped ? '{"status":"stopped"}' : '{"error":"no running campaign with that id"}');
  };
  const server = createServer((request, response) => {
    request.resume();
    const stop = request.method === 'POST' ? stopRoute.exec(request.url ?? '') : null;
    if (stop) return void answerStop(response, stop[1]!);
    const name = (request.url ?? '').replace(/^\/functions\/v1\//, '').replace(/^\/|\?.*$/g, '');
    // A believable latency: 20 to 80 ms.
    setTimeout(() => answer(response, name), 20 + Math.floor(Math.random() * 60)).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    names,
    set: (name, behaviour) => behaviours.set(name, behaviour),
    setCampaignStopper: (stop) => {
      stopCampaign = stop;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
