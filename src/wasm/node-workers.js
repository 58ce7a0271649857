// --post-js of the Node glue of the threaded builds: Node's worker_threads keep the process
// alive while they wait for work; unrefWorkers() lets it exit once nothing else is pending.
Module['unrefWorkers'] = function() {
  PThread.unusedWorkers.concat(PThread.runningWorkers).forEach(function(worker) { worker.unref(); });
};
