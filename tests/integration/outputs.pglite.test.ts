import { outputsSuite } from "./suites/outputs";

outputsSuite("pglite");
