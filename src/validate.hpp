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

// Position of the first non-finite entry of m; false when every entry is finite.
bool find_non_finite(const Matrix& m, std::size_t& row, std::size_t& col);

// "NaN", "Infinity" or "-Infinity".
std::string describe_non_finite(double x);

// A computed matrix that overflowed: "Q[1][1] (of X·W_Q) overflowed float32 (Infinity); <advice>".
Status check_finite_result(const Matrix& m, const std::string& name, const std::string& made_by,
                           const std::string& advice);

// "a matrix" wording for a count: 1 row, 2 rows.
std::string count_of(std::size_t n, const char* singular, const char* plural);

}  // namespace attn
