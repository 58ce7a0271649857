// matrix.hpp — the matrix type of the public API, and the size limits the core accepts.
//
// A Matrix is row-major n×d float32 (xtensor's default layout), so row i is the contiguous
// range [data() + i·d, data() + (i+1)·d) that the SIMD kernels work on.
#pragma once

#include <cstddef>
#include <string>

#include <xtensor/xtensor.hpp>

namespace attn {

using Matrix = xt::xtensor<float, 2>;

// Limits, checked at every public entry (documented in README.md). They keep every call's
// memory well inside WebAssembly's 2 GiB, so no call can abort the instance:
//   every dimension (tokens, widths)            ≤ kMaxDimension
//   entries of one input matrix                 ≤ kMaxMatrixEntries (4 Mi)
//   heads                                       ≤ kMaxHeads
//   floats held by one trace (all its matrices) ≤ kMaxTraceFloats   (16 Mi = 64 MiB of float32)
constexpr std::size_t kMaxDimension = 8192;
constexpr std::size_t kMaxMatrixEntries = std::size_t(1) << 22;
constexpr std::size_t kMaxHeads = 256;
constexpr std::size_t kMaxTraceFloats = std::size_t(16) << 20;

inline std::size_t rows(const Matrix& m) { return m.shape()[0]; }
inline std::size_t cols(const Matrix& m) { return m.shape()[1]; }
inline const float* row_ptr(const Matrix& m, std::size_t i) { return m.data() + i * cols(m); }
inline float* row_ptr(Matrix& m, std::size_t i) { return m.data() + i * cols(m); }

// "3×2", for messages.
inline std::string shape_string(std::size_t r, std::size_t c) {
    return std::to_string(r) + "\u00d7" + std::to_string(c);
}
inline std::string shape_string(const Matrix& m) { return shape_string(rows(m), cols(m)); }

}  // namespace attn
