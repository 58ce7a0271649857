#include "thread_pool.hpp"

#include <algorithm>

namespace attn {

ThreadPool::ThreadPool(std::size_t threads) {
    const std::size_t workers = std::max<std::size_t>(threads, 1) - 1;
    workers_.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) workers_.emplace_back([this, w] { work(w); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& worker : workers_) worker.join();
}

void ThreadPool::run(std::size_t parts, const std::function<void(std::size_t)>& task) {
    parts = std::clamp<std::size_t>(parts, 1, size());
    if (parts == 1) {
        task(0);
        return;
    }
    std::lock_guard<std::mutex> caller(caller_mutex_);
    ++parallel_runs_;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        task_ = &task;
        parts_ = parts;
        pending_ = parts - 1;
        failure_ = nullptr;
        ++generation_;
    }
    work_ready_.notify_all();
    std::exception_ptr own_failure;
    try {
        task(0);
    } catch (...) {
        own_failure = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    work_done_.wait(lock, [this] { return pending_ == 0; });
    task_ = nullptr;
    if (own_failure) std::rethrow_exception(own_failure);
    if (failure_) std::rethrow_exception(failure_);
}

void ThreadPool::work(std::size_t worker) {
    std::size_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        work_ready_.wait(lock, [&] { return stopping_ || generation_ != seen; });
        if (stopping_) return;
        seen = generation_;
        const std::size_t part = worker + 1;
        if (part >= parts_) continue;  // this run needs fewer parts than the pool has threads
        const std::function<void(std::size_t)>& task = *task_;
        lock.unlock();
        std::exception_ptr failure;
        try {
            task(part);
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        if (failure && !failure_) failure_ = failure;
        if (--pending_ == 0) work_done_.notify_one();
    }
}

}  // namespace attn
