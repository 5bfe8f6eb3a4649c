import { queryPlanSuite } from "./suites/query-plans";

queryPlanSuite("pglite");
