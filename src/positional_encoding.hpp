// positional_encoding.hpp — the sinusoidal positional encoding of "Attention Is All You Need"
// (Vaswani et al., 2017, §3.5), and X + PE.
//
//   PE (n×d), positions p = 0 … n−1, columns c = 0 … d−1, i = ⌊c/2⌋:
//     PE[p][c] = sin(p / 10000^(2i/d))   for even c
//     PE[p][c] = cos(p / 10000^(2i/d))   for odd c
// Computed in double precision, stored as float32. Row 0 is [0, 1, 0, 1, …].
//
// Attention alone is permutation-equivariant: reordering the rows of X reorders the rows of
// the output the same way and changes nothing else. Adding PE (which depends on the row index,
// not on the row's content) breaks that symmetry.
#pragma once

#include <cstddef>

#include "matrix.hpp"
#include "status.hpp"

namespace attn {

// out = PE of n positions and width d; 1 ≤ n, d ≤ kMaxDimension and n·d ≤ kMaxMatrixEntries.
Status sinusoidal_encoding(Matrix& out, std::size_t n, std::size_t d);

// out = X + PE(rows(X), cols(X)); X as for check_matrix (finite, within the limits).
Status add_positional_encoding(Matrix& out, const Matrix& x);

}  // namespace attn
