// validate.hpp — checks shared by every public entry. Each returns a Status whose code and
// place name the matrix (and cell), and whose message says what is needed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "matrix.hpp"
#include "status.hpp"

namespace attn {

// Non-empty, each dimension ≤ kMaxDimension, ≤ kMaxMatrixEntries entries, every entry finite
// (NaN/±Inf reported as "Q[r][c]").
Status check_matrix(const Matrix& m, const std::string& name);

// check_matrix without the scan of the entries: non-empty, each dimension ≤ kMaxDimension,
// ≤ kMaxMatrixEntries entries.
Status check_matrix_size(const Matrix& m, const std::string& name);

// The size limits alone, for a matrix of rows × cols entries: the one place they are checked.
// 64-bit counts, so that a caller's count past 2³² is reported as it is.
Status check_extent(std::uint64_t rows, std::uint64_t cols, const std::string& name);

// An intermediate of rows × cols numbers that the caller's inputs would make (e.g. X·W_Q)
// within kMaxMatrixEntries: "X has 8192 rows and W_Q has 8192 columns: X·W_Q would hold …".
Status check_product_extent(std::size_t rows, std::size_t cols, const std::string& rows_of,
                            const std::string& cols_of, const std::string& product);

// Position of the first non-finite entry of m; false when every entry is finite.
bool find_non_finite(const Matrix& m, std::size_t& row, std::size_t& col);
bool find_non_finite(const float* x, std::size_t n, std::size_t& index);

// "NaN", "Infinity" or "-Infinity".
std::string describe_non_finite(double x);

// The advice of every overflow message, one wording: which inputs the caller should scale down.
// overflow_advice("Q and K") is "the entries of Q and K are too large; scale them down".
std::string overflow_advice(const std::string& inputs);

// The advice when a product of self-attention's inputs overflows (X·W_Q, X·W_K, X·W_V, concat·W_O):
// "the entries of X or of the weights are too large; scale them down".
std::string projection_overflow_advice();

// A computed matrix that overflowed: "Q[1][1] (of X·W_Q) overflowed float32 (Infinity); <advice>".
Status check_finite_result(const Matrix& m, const std::string& name, const std::string& made_by,
                           const std::string& advice);

// "a matrix" wording for a count: 1 row, 2 rows.
std::string count_of(std::size_t n, const char* singular, const char* plural);

}  // namespace attn
