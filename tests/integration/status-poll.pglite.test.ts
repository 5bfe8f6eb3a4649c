import { statusPollSuite } from "./suites/status-poll";

statusPollSuite("pglite");
