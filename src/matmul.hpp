// matmul.hpp — the two matrix products attention needs, on row-major float32 matrices:
//   matmul:    C (n×m) = A (n×k) · B (k×m)
//   matmul_bt: C (n×m) = A (n×k) · Bᵀ (k×m), B given as m×k: C[i][j] = (row i of A)·(row j of B)
// Both run the register-blocked gemm_acc (gemm.hpp); matmul_bt first transposes B into a k×m
// buffer so its product is the same kernel. Each has a plain triple-loop *_reference beside it.
// Callers guarantee the shapes.
#pragma once

#include "dot.hpp"
#include "gemm.hpp"
#include "matrix.hpp"

namespace attn::kernels {

inline void matmul_reference(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = cols(b);
    c = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            float sum = 0.0f;
            for (std::size_t p = 0; p < k; ++p) sum += a(i, p) * b(p, j);
            c(i, j) = sum;
        }
}

inline void matmul(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = cols(b);
    c = Matrix::from_shape({n, m});
    c.fill(0.0f);
    gemm_acc(c.data(), m, a.data(), k, b.data(), m, n, k, m);
}

inline void matmul_bt_reference(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = rows(b);
    c = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) c(i, j) = dot_reference(row_ptr(a, i), row_ptr(b, j), k);
}

inline void matmul_bt(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = rows(b);
    Matrix bt = Matrix::from_shape({k, m});
    transpose(bt.data(), m, b.data(), k, m, k);
    c = Matrix::from_shape({n, m});
    c.fill(0.0f);
    gemm_acc(c.data(), m, a.data(), k, bt.data(), m, n, k, m);
}

}  // namespace attn::kernels
