// Placeholder entry; replaced by the CLI.
process.stdout.write('ferry\n');
