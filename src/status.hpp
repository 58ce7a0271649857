// status.hpp — the result of a checked call: ok, or a code, a place and a message that says
// what was wrong, where, and what is needed.
//
// The core does not throw: a WebAssembly build cannot let a C++ exception reach JavaScript
// without leaking, and a native caller gets the same message either way.
#pragma once

#include <string>
#include <utility>

namespace attn {

// What kind of mistake; stable, so callers may act on it (names in code_name).
enum class Code {
    ok,
    empty,              // a matrix with no rows or no columns
    not_finite,         // NaN, Infinity or -Infinity in an input or option
    too_large,          // over a size limit (a matrix, a trace, an intermediate, heads)
    shape_mismatch,     // two shapes that do not fit together
    heads_not_divisor,  // heads does not divide a width
    bad_option,         // an option with a wrong value (mask name, heads 0, experiment sizes)
    overflow,           // a computed number overflowed float32
};

// "empty", "not_finite", … ("ok" for Code::ok)
const char* code_name(Code code);

class Status {
public:
    static constexpr long kNoIndex = -1;

    Status() = default;
    static Status error(Code code, std::string message) { return Status(code, std::move(message)); }

    bool ok() const { return code_ == Code::ok; }
    explicit operator bool() const { return ok(); }
    Code code() const { return code_; }
    const std::string& message() const { return message_; }

    // The place: the input matrix to change ("Q", "W_O", …; empty when none), and a row and
    // column of it (kNoIndex when the whole matrix or row is meant), or an option ("heads").
    const std::string& matrix() const { return matrix_; }
    long row() const { return row_; }
    long col() const { return col_; }
    const std::string& option() const { return option_; }

    Status& at(std::string matrix, long row = kNoIndex, long col = kNoIndex) {
        matrix_ = std::move(matrix);
        row_ = row;
        col_ = col;
        return *this;
    }
    Status& about(std::string option) {
        option_ = std::move(option);
        return *this;
    }
    // The same code and place, with "prefix" before the message ("head 1: ").
    Status prefixed(const std::string& prefix) const {
        Status s = *this;
        s.message_ = prefix + message_;
        return s;
    }

private:
    Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
    Code code_ = Code::ok;
    std::string message_;
    std::string matrix_;
    long row_ = kNoIndex, col_ = kNoIndex;
    std::string option_;
};

inline const char* code_name(Code code) {
    switch (code) {
        case Code::ok: return "ok";
        case Code::empty: return "empty";
        case Code::not_finite: return "not_finite";
        case Code::too_large: return "too_large";
        case Code::shape_mismatch: return "shape_mismatch";
        case Code::heads_not_divisor: return "heads_not_divisor";
        case Code::bad_option: return "bad_option";
        case Code::overflow: return "overflow";
    }
    return "unknown";
}

}  // namespace attn
