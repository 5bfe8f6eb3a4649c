import { uploadRetentionSuite } from "./suites/upload-retention";

uploadRetentionSuite("pglite");
