// The cluster tests (`make test-cluster`): plain HTTP against the nginx and the instances that
// deploy/cluster.sh started; no browser.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./cluster",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
});
