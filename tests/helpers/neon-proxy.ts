import type { AddressInfo } from "node:net";
import net from "node:net";
import { WebSocketServer } from "ws";

// A WebSocket → TCP relay standing in for Neon's proxy, so the production Neon driver can be
// tested against the machine's PostgreSQL.
export async function startNeonProxy(): Promise<{ port: number; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  wss.on("connection", (ws, req) => {
    const address = new URL(req.url ?? "", "http://x").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    const socket = net.connect(Number(port), host ?? "127.0.0.1");
    ws.on("message", (data) => socket.write(data as Buffer));
    socket.on("data", (chunk) => ws.send(chunk));
    ws.on("close", () => socket.destroy());
    socket.on("close", () => ws.close());
    socket.on("error", () => ws.close());
    ws.on("error", () => socket.destroy());
  });
  await new Promise((resolve) => wss.on("listening", resolve));
  return {
    port: (wss.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
