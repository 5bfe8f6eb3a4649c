import { costSafetySuite } from "./suites/cost-safety";

costSafetySuite("pglite");
