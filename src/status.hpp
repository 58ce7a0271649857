// status.hpp — the result of a checked call: empty on success, else a message that says
// what was wrong, where, and what is needed.
//
// The core does not throw: a WebAssembly build cannot let a C++ exception reach JavaScript
// without leaking, and a native caller gets the same message either way.
#pragma once

#include <string>
#include <utility>

namespace attn {

class Status {
public:
    Status() = default;
    static Status error(std::string message) { return Status(std::move(message)); }

    bool ok() const { return message_.empty(); }
    explicit operator bool() const { return ok(); }
    const std::string& message() const { return message_; }

private:
    explicit Status(std::string message) : message_(std::move(message)) {}
    std::string message_;
};

}  // namespace attn
