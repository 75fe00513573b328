// A forecast thread: the TypeScript sources through tsx (as bin/award-model.js), then its trials.
require("tsx/cjs/api").register();
require("./forecast-thread.ts");
