import type { FuzzRequest } from "../../helpers/fuzz-requests";

// Every request issue 8 ("Why 1") saw answered with a 500, as sent to the fuzz suite first
// (./input-fuzz.ts), each with the 4xx and the field it must now name.

const body = (value: unknown) => JSON.stringify(value);
const cursor = (text: string) => Buffer.from(text).toString("base64url");
/** A name, the request, the status it must get, and the field its error must name. */
export type Case = [string, FuzzRequest, number, string?];
export function issue8Cases(): Case[] {
  const create = (input: Record<string, unknown>): FuzzRequest => ({
    route: "POST /api/generations",
    caller: "browser",
    method: "POST",
    target: "/api/generations",
    body: body({ model: "sdxl-lightning", input }),
  });
  const get = (route: string, target: string, caller: FuzzRequest["caller"] = "browser"): FuzzRequest => ({
    route,
    caller,
    method: "GET",
    target,
  });
  const adminList = (q: string) => get("GET /api/admin/generations", `/api/admin/generations?${q}`, "admin");
  return [
    ["NUL in prompt", create({ prompt: "a fox\u0000" }), 400, "input.prompt"],
    ["lone surrogate in prompt", create({ prompt: "a fox \ud800" }), 400, "input.prompt"],
    ["NUL in negative_prompt", create({ prompt: "fox", negative_prompt: "\u0000" }), 400, "input.negative_prompt"],
    ["lone surrogate in negative_prompt", create({ prompt: "fox", negative_prompt: "x\udfff" }), 400, "input.negative_prompt"],
    [
      "cursor on Feb 30",
      get("GET /api/generations", `/api/generations?cursor=${cursor("2025-02-30T00:00:00.000000Z|gen_x")}`),
      400,
      "cursor",
    ],
    [
      "cursor in year 0000",
      get("GET /api/generations", `/api/generations?cursor=${cursor("0000-01-01T00:00:00.000000Z|gen_x")}`),
      400,
      "cursor",
    ],
    ["admin cursor on Feb 30", adminList(`cursor=${cursor("2025-02-30T00:00:00Z|gen_x")}`), 400, "cursor"],
    ["admin from=0000-01-01", adminList("from=0000-01-01"), 400, "from"],
    ["admin to=275760-09-13", adminList("to=275760-09-13"), 400, "to"],
    ["admin from on Feb 30", adminList("from=2025-02-30"), 400, "from"],
    ["NUL in admin model filter", adminList("model=%00"), 400, "model"],
    ["NUL in admin owner filter", adminList("owner=own_%00"), 400, "owner"],
    ["NUL in admin prompt search", adminList("q=fox%00"), 400, "q"],
    ["NUL in admin status filter", adminList("status=%00"), 400, "status"],
    [
      "NUL id to admin cancel",
      {
        route: "POST /api/admin/generations/cancel",
        caller: "admin",
        method: "POST",
        target: "/api/admin/generations/cancel",
        body: body({ ids: ["\u0000"] }),
      },
      400,
      "ids.0",
    ],
    ["%ff as a generation id", get("GET /api/generations/:id", "/api/generations/%ff"), 400, "path"],
    ["%00 as a generation id", get("GET /api/generations/:id", "/api/generations/%00"), 400, "path"],
    [
      "%ff to cancel",
      { route: "POST /api/generations/:id/cancel", caller: "browser", method: "POST", target: "/api/generations/%ff/cancel" },
      400,
      "path",
    ],
    [
      "%00 to cancel",
      { route: "POST /api/generations/:id/cancel", caller: "browser", method: "POST", target: "/api/generations/%00/cancel" },
      400,
      "path",
    ],
    ["%ff%fe in a file name", get("GET /api/files/:key", "/api/files/generations/x/%ff%fe.png"), 400, "path"],
    ["%00 in a file name", get("GET /api/files/:key", "/api/files/generations/x/%00.png"), 400, "path"],
    ["%ff as an admin generation id", get("GET /api/admin/generations/:id", "/api/admin/generations/%ff", "admin"), 400, "path"],
    ["%00 as an admin generation id", get("GET /api/admin/generations/:id", "/api/admin/generations/%00", "admin"), 400, "path"],
  ];
}
