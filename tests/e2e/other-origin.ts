import http from "node:http";
import type { AddressInfo } from "node:net";

// A hostile site on another origin (another host name and port, no CSP of its own): it frames the
// app, and it serves a control page framing itself, so a test can tell "blocked" from "broken".

export type OtherOrigin = { url: string; close: () => Promise<void> };

export async function startOtherOrigin(appUrl: string): Promise<OtherOrigin> {
  const pages: Record<string, string> = {
    "/frame-app": `<!doctype html><title>framer</title><iframe id="target" src="${appUrl}/" width="800" height="600"></iframe>`,
    "/frame-self": `<!doctype html><title>control</title><iframe id="target" src="/inner" width="800" height="600"></iframe>`,
    "/inner": "<!doctype html><title>inner</title><h1>Framed content</h1>",
    "/blank": "<!doctype html><html><head><title>blank</title></head><body><main></main></body></html>",
  };
  const server = http.createServer((req, res) => {
    const body = pages[req.url ?? ""];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost", not the app's "127.0.0.1": a different site, as a real attacker's page would be.
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
