// The islands flavour's browser tests (`make e2e-islands`): the same browser and settings as the main suite,
// against the server and site folder that `make build-islands` made (end2end/run.sh, CROWD and
// CROWD_SITE_ROOT set by the Makefile).
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

export default defineConfig({ ...base, testDir: "./islands" });
