// --pre-js of the threaded builds: the Web Workers the glue starts at load and waits for
// (-sPTHREAD_POOL_SIZE=Module.attnWorkers). At least one: with none, Emscripten 3.1.6's glue
// would wait for workers forever.
Module['attnWorkers'] = Math.max(1, Module['attnWorkers'] | 0);
