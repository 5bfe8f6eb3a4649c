import { reconcileSuite } from "./suites/reconcile";

reconcileSuite("pglite");
