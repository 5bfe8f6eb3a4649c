import { generationFlowSuite } from "./suites/generation-flow";

generationFlowSuite("pglite");
