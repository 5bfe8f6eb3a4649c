import { groupsSuite } from "./suites/groups";

groupsSuite("pglite");
