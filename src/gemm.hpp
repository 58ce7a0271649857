// gemm.hpp — the one matrix-product kernel, on row-major float32 blocks with row strides:
//
//   C (n×m) += A (n×k) · B (k×m)      C[i][j] += Σ_{p<k} A[i][p]·B[p][j], p in increasing order
//
// A[i][p] is a[i·lda + p], B[p][j] is b[p·ldb + j], C[i][j] is c[i·ldc + j].
//
// gemm_acc_reference is the plain triple loop. gemm_acc is register-blocked: a tile of
// kTileRows rows × kTileVectors·lanes columns of C lives in SIMD accumulators while p runs over
// k (per p: one broadcast of A[i][p] per row, kTileVectors loads of B's row p, one multiply-add
// per accumulator); the last columns use one-vector tiles, then scalar ones. Each C[i][j] is
// one running sum over p in order, so without fused multiply-add (SSE4.1, SIMD128, scalar) the
// result is bit for bit the reference's.
#pragma once

#include <cstddef>

#include "simd.hpp"
#if defined(ATTN_RELAXED_SIMD)
#include "gemm_relaxed.hpp"
#endif

namespace attn::kernels {

inline void gemm_acc_reference(float* c, std::size_t ldc, const float* a, std::size_t lda, const float* b,
                               std::size_t ldb, std::size_t n, std::size_t k, std::size_t m) {
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            float sum = c[i * ldc + j];
            for (std::size_t p = 0; p < k; ++p) sum += a[i * lda + p] * b[p * ldb + j];
            c[i * ldc + j] = sum;
        }
}

constexpr std::size_t kTileRows = 4;
constexpr std::size_t kTileVectors = 2;

namespace detail {

#if ATTN_SIMD
// C rows [0, R) × columns [0, V·lanes) += A (R×k) · B (k × V·lanes)
template <std::size_t R, std::size_t V>
inline void gemm_tile(float* c, std::size_t ldc, const float* a, std::size_t lda, const float* b, std::size_t ldb,
                      std::size_t k) {
    using simd::batch;
    constexpr std::size_t L = simd::lanes;
    batch acc[R][V];
    for (std::size_t r = 0; r < R; ++r)
        for (std::size_t v = 0; v < V; ++v) acc[r][v] = batch::load_unaligned(c + r * ldc + v * L);
    for (std::size_t p = 0; p < k; ++p) {
        batch b_row[V];
        for (std::size_t v = 0; v < V; ++v) b_row[v] = batch::load_unaligned(b + p * ldb + v * L);
        for (std::size_t r = 0; r < R; ++r) {
            const batch a_rp(a[r * lda + p]);
            for (std::size_t v = 0; v < V; ++v) acc[r][v] = xsimd::fma(a_rp, b_row[v], acc[r][v]);
        }
    }
    for (std::size_t r = 0; r < R; ++r)
        for (std::size_t v = 0; v < V; ++v) acc[r][v].store_unaligned(c + r * ldc + v * L);
}

// The columns of R rows: full tiles, one-vector tiles, then scalar columns.
template <std::size_t R>
inline void gemm_rows(float* c, std::size_t ldc, const float* a, std::size_t lda, const float* b, std::size_t ldb,
                      std::size_t k, std::size_t m) {
    constexpr std::size_t L = simd::lanes, wide = kTileVectors * L;
    std::size_t j = 0;
    for (; j + wide <= m; j += wide) gemm_tile<R, kTileVectors>(c + j, ldc, a, lda, b + j, ldb, k);
    for (; j + L <= m; j += L) gemm_tile<R, 1>(c + j, ldc, a, lda, b + j, ldb, k);
    if (j < m) gemm_acc_reference(c + j, ldc, a, lda, b + j, ldb, R, k, m - j);
}
#endif

}  // namespace detail

inline void gemm_acc(float* c, std::size_t ldc, const float* a, std::size_t lda, const float* b, std::size_t ldb,
                     std::size_t n, std::size_t k, std::size_t m) {
#if ATTN_SIMD
    std::size_t i = 0;
    for (; i + kTileRows <= n; i += kTileRows)
        detail::gemm_rows<kTileRows>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m);
    switch (n - i) {
        case 3: detail::gemm_rows<3>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m); break;
        case 2: detail::gemm_rows<2>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m); break;
        case 1: detail::gemm_rows<1>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m); break;
        default: break;
    }
#else
    // Scalar build: the same sums in the cache-friendly order (row i of C += A[i][p] · row p of B).
    for (std::size_t i = 0; i < n; ++i) {
        float* c_row = c + i * ldc;
        for (std::size_t p = 0; p < k; ++p) {
            const float a_ip = a[i * lda + p];
            const float* b_row = b + p * ldb;
            for (std::size_t j = 0; j < m; ++j) c_row[j] += a_ip * b_row[j];
        }
    }
#endif
}

// gemm_acc_fused: the same product for the fast output paths (attention_output). In the
// relaxed-SIMD build it is attn_gemm_acc_relaxed (fused multiply-add, gemm_relaxed.hpp: equal
// to the reference within rounding, not bit for bit); in every other build it is gemm_acc. The
// traces (matmul.hpp) always use gemm_acc, so every step the page shows is exact in every build.
inline void gemm_acc_fused(float* c, std::size_t ldc, const float* a, std::size_t lda, const float* b,
                           std::size_t ldb, std::size_t n, std::size_t k, std::size_t m) {
#if defined(ATTN_RELAXED_SIMD)
    attn_gemm_acc_relaxed(c, ldc, a, lda, b, ldb, n, k, m);
#else
    gemm_acc(c, ldc, a, lda, b, ldb, n, k, m);
#endif
}

// bt (k×m, row stride ldbt) = transpose of b (m×k, row stride ldb)
inline void transpose(float* bt, std::size_t ldbt, const float* b, std::size_t ldb, std::size_t m, std::size_t k) {
    for (std::size_t j = 0; j < m; ++j)
        for (std::size_t p = 0; p < k; ++p) bt[p * ldbt + j] = b[j * ldb + p];
}

}  // namespace attn::kernels
