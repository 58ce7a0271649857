// thread_pool.hpp — a fixed set of worker threads, made once and reused by every call.
//
// A pool of T threads is the calling thread plus T − 1 workers. run(parts, task) calls
// task(p) for p = 0 … parts − 1 (parts ≤ T): part 0 on the calling thread, part p on worker
// p − 1, and returns once every part has returned. Calls from several threads at once take
// turns. No web knowledge: std::thread, one mutex and two condition variables.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace attn {

class ThreadPool {
public:
    // threads ≥ 1 (0 is taken as 1): starts threads − 1 workers, which wait for work.
    explicit ThreadPool(std::size_t threads);
    ~ThreadPool();  // stops and joins the workers
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    // T: the calling thread and its workers.
    std::size_t size() const { return workers_.size() + 1; }

    // task(p) for p in [0, parts), parts clamped to [1, size()); the first exception a part
    // throws is rethrown here after every part has finished.
    void run(std::size_t parts, const std::function<void(std::size_t)>& task);

    // How many runs so far used more than one thread (tests and benchmarks check the split).
    std::size_t parallel_runs() const { return parallel_runs_.load(); }

private:
    void work(std::size_t worker);

    std::vector<std::thread> workers_;
    std::mutex caller_mutex_;  // one run at a time
    std::mutex mutex_;         // guards everything below
    std::condition_variable work_ready_;
    std::condition_variable work_done_;
    const std::function<void(std::size_t)>* task_ = nullptr;
    std::size_t parts_ = 0;
    std::size_t generation_ = 0;  // +1 per run: a worker waits for a generation it has not seen
    std::size_t pending_ = 0;     // worker parts of this generation still running
    std::exception_ptr failure_;
    bool stopping_ = false;
    std::atomic<std::size_t> parallel_runs_{0};
};

}  // namespace attn
