import { copiesQueueSuite } from "./suites/copies-queue";

copiesQueueSuite("pglite");
