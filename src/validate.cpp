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

Status check_extent(std::uint64_t r, std::uint64_t c, const std::string& name) {
    if (r > kMaxDimension)
        return Status::error(Code::too_large, name + " has " + std::to_string(r) + " rows; at most " +
                                                  std::to_string(kMaxDimension) + " are supported")
            .at(name);
    if (c > kMaxDimension)
        return Status::error(Code::too_large, name + " has " + std::to_string(c) + " columns; at most " +
                                                  std::to_string(kMaxDimension) + " are supported")
            .at(name);
    if (r * c > kMaxMatrixEntries)
        return Status::error(Code::too_large, name + " has " + std::to_string(r * c) + " entries (" +
                                                  shape_string(r, c) + "); at most " +
                                                  std::to_string(kMaxMatrixEntries) + " are supported")
            .at(name);
    return {};
}

Status check_product_extent(std::size_t r, std::size_t c, const std::string& rows_of, const std::string& cols_of,
                            const std::string& product) {
    if (std::uint64_t(r) * c <= kMaxMatrixEntries) return {};
    return Status::error(Code::too_large, rows_of + " has " + count_of(r, "row", "rows") + " and " + cols_of +
                                              " has " + count_of(c, "column", "columns") + ": " + product +
                                              " would hold " + std::to_string(std::uint64_t(r) * c) + " numbers (" +
                                              shape_string(r, c) + "), more than the " +
                                              std::to_string(kMaxMatrixEntries) + " supported; use fewer rows of " +
                                              rows_of + " or fewer columns of " + cols_of)
        .at(cols_of);
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

bool find_non_finite(const float* x, std::size_t n, std::size_t& index) {
    if (all_finite(x, n)) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(x[i])) {
            index = i;
            return true;
        }
    return false;
}

bool find_non_finite(const Matrix& m, std::size_t& row, std::size_t& col) {
    std::size_t index = 0;
    if (!find_non_finite(m.data(), m.size(), index)) return false;
    row = index / cols(m);
    col = index % cols(m);
    return true;
}

Status check_matrix_size(const Matrix& m, const std::string& name) {
    if (rows(m) == 0 || cols(m) == 0)
        return Status::error(Code::empty, name + " is empty (" + shape_string(m) +
                                              "); it needs at least one row and one column")
            .at(name);
    return check_extent(rows(m), cols(m), name);
}

Status check_matrix(const Matrix& m, const std::string& name) {
    if (Status s = check_matrix_size(m, name); !s) return s;
    std::size_t i = 0, j = 0;
    if (!find_non_finite(m, i, j)) return {};
    return Status::error(Code::not_finite, name + "[" + std::to_string(i) + "][" + std::to_string(j) + "] is " +
                                               describe_non_finite(m(i, j)) + "; every entry must be a finite number")
        .at(name, long(i), long(j));
}

std::string overflow_advice(const std::string& inputs) {
    return "the entries of " + inputs + " are too large; scale them down";
}

std::string projection_overflow_advice() { return overflow_advice("X or of the weights"); }

Status check_finite_result(const Matrix& m, const std::string& name, const std::string& made_by,
                           const std::string& advice) {
    std::size_t i = 0, j = 0;
    if (!find_non_finite(m, i, j)) return {};
    return Status::error(Code::overflow, name + "[" + std::to_string(i) + "][" + std::to_string(j) + "] (of " +
                                             made_by + ") overflowed float32 (" + describe_non_finite(m(i, j)) +
                                             "); " + advice);
}

}  // namespace attn
