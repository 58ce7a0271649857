// validate.hpp — checks shared by every public entry. Each returns a Status whose message
// names the matrix, the place, and what is needed.
#pragma once

#include <cstddef>
#include <string>

#include "matrix.hpp"
#include "status.hpp"

namespace attn {

// Non-empty, each dimension ≤ kMaxDimension, ≤ kMaxMatrixEntries entries, every entry finite
// (NaN/±Inf reported as "Q[r][c]").
Status check_matrix(const Matrix& m, const std::string& name);

// The size limits alone, for a matrix of rows × cols entries (cols: the widest row).
Status check_extent(std::size_t rows, std::size_t cols, const std::string& name);

// First non-finite entry of a computed matrix (e.g. scores that overflowed float32).
Status check_finite_result(const Matrix& m, const std::string& what, const std::string& hint);

// "a matrix" wording for a count: 1 row, 2 rows.
std::string count_of(std::size_t n, const char* singular, const char* plural);

}  // namespace attn
