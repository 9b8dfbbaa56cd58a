// Mocha's spec reporter, plus the closing `N passed, N failed` line that CI counts.
const { reporters, Runner } = require('mocha');

class CountReporter extends reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on(Runner.constants.EVENT_TEST_PASS, () => passed++);
    runner.on(Runner.constants.EVENT_TEST_FAIL, () => failed++);
    runner.on(Runner.constants.EVENT_TEST_PENDING, () => skipped++);
    runner.once(Runner.constants.EVENT_RUN_END, () => {
      process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    });
  }
}
module.exports = CountReporter;
