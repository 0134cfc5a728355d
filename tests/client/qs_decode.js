// The independent decoder of the wire tests: each stdin line is a form body, decoded with the qs
// package (what Express and most Node servers use) and written back as one line of JSON.
// Limits are raised so that a Twitter-sized schedule (288 times) stays a list.
const qs = require("qs");
const readline = require("readline");

readline.createInterface({ input: process.stdin }).on("line", (body) => {
  const decoded = qs.parse(body, { arrayLimit: 10000, parameterLimit: 100000, depth: 8 });
  process.stdout.write(JSON.stringify(decoded) + "\n");
});
