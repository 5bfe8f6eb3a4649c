import { register } from "node:module";

register("./marker-hooks.mjs", import.meta.url);
