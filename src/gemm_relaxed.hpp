// gemm_relaxed.hpp — gemm_acc with fused multiply-add, for the relaxed-SIMD WebAssembly build:
//
//   C (n×m) += A (n×k) · B (k×m)      C[i][j] += Σ_{p<k} A[i][p]·B[p][j], p in increasing order
//
// A[i][p] is a[i·lda + p], B[p][j] is b[p·ldb + j], C[i][j] is c[i·ldc + j]. The same register
// tiles as gemm_acc (gemm.hpp), each step one f32x4.relaxed_madd per accumulator: where the
// engine fuses it, each product is not rounded before the add, so C differs from
// gemm_acc_reference by rounding (about k·2⁻²⁴ relative), not bit for bit.
//
// Defined in gemm_relaxed.cpp, compiled by clang 19 (Emscripten 3.1.6's clang 14 cannot emit
// the instruction); declared here for the core's Emscripten-compiled translation units.
#pragma once

#include <cstddef>

extern "C" void attn_gemm_acc_relaxed(float* c, std::size_t ldc, const float* a, std::size_t lda, const float* b,
                                      std::size_t ldb, std::size_t n, std::size_t k, std::size_t m);
