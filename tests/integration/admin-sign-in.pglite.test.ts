import { adminSignInSuite } from "./suites/admin-sign-in";

adminSignInSuite("pglite");
