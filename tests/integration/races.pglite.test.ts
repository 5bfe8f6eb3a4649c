import { racesSuite } from "./suites/races";

racesSuite("pglite");
