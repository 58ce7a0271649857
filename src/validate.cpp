#include "validate.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace attn {

std::string count_of(std::size_t n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

std::string describe_non_finite(double x) {
    if (std::isnan(x)) return "NaN";
    return x > 0 ? "Infinity" : "-Infinity";
}

Status check_extent(std::size_t r, std::size_t c, const std::string& name) {
    if (r > kMaxDimension)
        return Status::error(name + " has " + std::to_string(r) + " rows; at most " + std::to_string(kMaxDimension) +
                             " are supported");
    if (c > kMaxDimension)
        return Status::error(name + " has " + std::to_string(c) + " columns; at most " + std::to_string(kMaxDimension) +
                             " are supported");
    if (r * c > kMaxMatrixEntries)
        return Status::error(name + " has " + std::to_string(r * c) + " entries (" + shape_string(r, c) +
                             "); at most " + std::to_string(kMaxMatrixEntries) + " are supported");
    return {};
}

// True when no entry is NaN or ±∞ (exponent bits all ones). The bitwise OR over the entries
// has no early exit, so the compiler vectorises it; the position is looked for only on failure.
static bool all_finite(const float* x, std::size_t n) {
    std::uint32_t non_finite = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, x + i, sizeof bits);
        non_finite |= std::uint32_t((bits & 0x7f800000u) == 0x7f800000u);
    }
    return non_finite == 0;
}

Status check_matrix(const Matrix& m, const std::string& name) {
    if (rows(m) == 0 || cols(m) == 0)
        return Status::error(name + " is empty (" + shape_string(m) + "); it needs at least one row and one column");
    if (Status s = check_extent(rows(m), cols(m), name); !s) return s;
    if (all_finite(m.data(), m.size())) return {};
    for (std::size_t i = 0; i < rows(m); ++i) {
        const float* row = row_ptr(m, i);
        for (std::size_t j = 0; j < cols(m); ++j)
            if (!std::isfinite(row[j]))
                return Status::error(name + "[" + std::to_string(i) + "][" + std::to_string(j) + "] is " +
                                     describe_non_finite(row[j]) + "; every entry must be a finite number");
    }
    return {};
}

bool find_non_finite(const Matrix& m, std::size_t& row, std::size_t& col) {
    if (all_finite(m.data(), m.size())) return false;
    for (std::size_t i = 0; i < rows(m); ++i) {
        const float* values = row_ptr(m, i);
        for (std::size_t j = 0; j < cols(m); ++j)
            if (!std::isfinite(values[j])) {
                row = i;
                col = j;
                return true;
            }
    }
    return false;
}

Status check_finite_result(const Matrix& m, const std::string& name, const std::string& made_by,
                           const std::string& advice) {
    std::size_t i = 0, j = 0;
    if (!find_non_finite(m, i, j)) return {};
    return Status::error(name + "[" + std::to_string(i) + "][" + std::to_string(j) + "] (of " + made_by +
                         ") overflowed float32 (" + describe_non_finite(m(i, j)) + "); " + advice);
}

}  // namespace attn
