import type { GenerationView } from "../../src/shared/generation-view";

// A browser stand-in: keeps its cookies, sends the app's own Origin on writes.
export class TestClient {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(pathname: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const method = init.method ?? (init.json !== undefined ? "POST" : "GET");
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", this.baseUrl);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const res = await fetch(new URL(pathname, this.baseUrl), { ...init, method, headers, body });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  async create(model: string, input: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const res = await this.request("/api/generations", { json: { model, input, ...extra } });
    return {
      res,
      body: (await res.json()) as GenerationView & { error?: { code: string; message: string; fields?: { path: string }[] } },
    };
  }

  async get(id: string): Promise<{ status: number; body: GenerationView }> {
    const res = await this.request(`/api/generations/${id}`);
    return { status: res.status, body: (await res.json()) as GenerationView };
  }

  /** Polls our API (as the page does) until the generation is in one of `statuses`. */
  async waitFor(
    id: string,
    statuses: string[] = ["succeeded", "failed", "canceled"],
    timeoutMs = 15_000,
  ): Promise<GenerationView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { status, body } = await this.get(id);
      if (status === 200 && statuses.includes(body.status)) return body;
      if (Date.now() > deadline) throw new Error(`generation ${id} stuck in ${body.status} (HTTP ${status})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
