// The fast kernels the streaming path uses (register-blocked gemm_acc, the lane-wise exp and
// the row kernels around it) against their references, and attention_output against the
// output of attention_trace: random shapes across block boundaries, the causal mask, explicit
// scales, every validation message, overflow, and sizes past the trace limit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <random>
#include <vector>

#include "attention.hpp"
#include "gemm.hpp"
#include "softmax_row.hpp"
#include "streaming_attention.hpp"
#include "thread_pool.hpp"
#include "random_inputs.hpp"

namespace {

using test_inputs::max_abs_diff;

test_inputs::Random rng(5);

// |e^x computed − std::exp(x)| allowed: 4 float ulps relative, plus the denormals (< 2⁻¹²⁶)
// that the lane-wise exp flushes to 0.
bool exp_close(float fast, float x) {
    const float ref = std::exp(x);
    return std::fabs(fast - ref) <= 4.0f * std::numeric_limits<float>::epsilon() * ref + 1.2e-38f;
}

}  // namespace

TEST_CASE("gemm_acc matches gemm_acc_reference on random shapes and row strides", "[kernels]") {
    float worst = 0.0f;
    for (int trial = 0; trial < 400; ++trial) {
        const std::size_t n = rng.size(1, 37), k = rng.size(1, 70), m = rng.size(1, 75);
        const std::size_t lda = k + rng.size(0, 3), ldb = m + rng.size(0, 5), ldc = m + rng.size(0, 2);
        const auto a = rng.vector(n * lda, -2, 2), b = rng.vector(k * ldb, -2, 2);
        auto c_fast = rng.vector(n * ldc, -2, 2);
        auto c_ref = c_fast;
        attn::kernels::gemm_acc(c_fast.data(), ldc, a.data(), lda, b.data(), ldb, n, k, m);
        attn::kernels::gemm_acc_reference(c_ref.data(), ldc, a.data(), lda, b.data(), ldb, n, k, m);
        INFO(n << "x" << k << " times " << k << "x" << m << ", strides " << lda << " " << ldb << " " << ldc);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < ldc; ++j) {
                const float diff = std::fabs(c_fast[i * ldc + j] - c_ref[i * ldc + j]);
                if (j >= m) REQUIRE(diff == 0.0f);  // columns past m are not touched
                REQUIRE(diff <= 1e-6f * float(k) + 1e-6f);
                worst = std::max(worst, diff);
            }
    }
    std::cout << "gemm_acc vs gemm_acc_reference (" << attn::simd::arch_name() << "): max |diff| = " << worst
              << "\n";
}

TEST_CASE("exp_shift_sum matches std::exp on every length 1..67 and on extreme exponents", "[kernels]") {
    float worst_relative = 0.0f;
    for (std::size_t n = 1; n <= 67; ++n) {
        for (float spread : {1.0f, 20.0f, 90.0f}) {
            auto x = rng.vector(n, -spread, 0.0f);
            const auto original = x;
            const float sum = attn::kernels::exp_shift_sum(x.data(), n, 0.0f);
            double ref_sum = 0.0;
            for (std::size_t j = 0; j < n; ++j) {
                INFO("n = " << n << ", x = " << original[j] << ", exp = " << x[j]);
                REQUIRE(exp_close(x[j], original[j]));
                ref_sum += std::exp(double(original[j]));
                if (std::exp(original[j]) > 1e-30f)
                    worst_relative = std::max(worst_relative, std::fabs(x[j] / std::exp(original[j]) - 1.0f));
            }
            REQUIRE(sum == Approx(ref_sum).epsilon(1e-5));
        }
    }
    // Every value in every lane position and in the scalar tail.
    const std::vector<float> extremes = {0.0f, -0.0f, -1e-8f, -0.5f, -0.6931472f, -1.0f, -10.0f, -86.9f, -87.0f,
                                         -87.33f, -87.34f, -88.0f, -100.0f, -1e4f, -1e30f,
                                         -std::numeric_limits<float>::max(), -INFINITY, 1.0f, 10.0f, 80.0f, 88.0f};
    for (std::size_t offset = 0; offset < 8; ++offset) {
        std::vector<float> x(offset, -1.0f);
        x.insert(x.end(), extremes.begin(), extremes.end());
        const auto original = x;
        attn::kernels::exp_shift_sum(x.data(), x.size(), 0.0f);
        for (std::size_t j = 0; j < x.size(); ++j) {
            INFO("offset " << offset << ": exp(" << original[j] << ") gave " << x[j]);
            REQUIRE(exp_close(x[j], original[j]));
            if (original[j] == 0.0f) REQUIRE(x[j] == 1.0f);           // the row maximum's term is exactly 1
            if (original[j] < -87.34f) REQUIRE(x[j] < 1.2e-38f);      // flushed or denormal, never garbage
        }
    }
    std::cout << "exp_shift_sum vs std::exp: max relative difference = " << worst_relative << "\n";
}

TEST_CASE("row_max and scale_row_max match their references for every length 1..67", "[kernels]") {
    for (std::size_t n = 1; n <= 67; ++n) {
        auto x = rng.vector(n, -50, 50);
        REQUIRE(attn::kernels::row_max(x.data(), n) == attn::kernels::row_max_reference(x.data(), n));
        auto ref = x;
        const auto fast_row = attn::kernels::scale_row_max(x.data(), n, 0.3f);
        const auto ref_row = attn::kernels::scale_row_max_reference(ref.data(), n, 0.3f);
        INFO("n = " << n);
        REQUIRE(fast_row.all_finite);
        REQUIRE(ref_row.all_finite);
        REQUIRE(fast_row.max == ref_row.max);
        REQUIRE(x == ref);
        for (float bad : {INFINITY, -INFINITY, NAN}) {
            for (std::size_t at : {std::size_t(0), n / 2, n - 1}) {
                auto y = rng.vector(n, -1, 1);
                y[at] = bad;
                INFO("bad value " << bad << " at " << at);
                REQUIRE_FALSE(attn::kernels::scale_row_max(y.data(), n, 2.0f).all_finite);
            }
        }
        auto big = rng.vector(n, 1e38f, 3e38f);  // finite, but ·10 overflows
        REQUIRE_FALSE(attn::kernels::scale_row_max(big.data(), n, 10.0f).all_finite);
    }
}

TEST_CASE("attention_output matches attention_trace's output on random shapes across block boundaries",
          "[streaming]") {
    float worst = 0.0f;
    for (int trial = 0; trial < 120; ++trial) {
        const bool causal = trial % 3 == 0;
        const bool big = trial % 4 == 1;
        const std::size_t n = big ? rng.size(200, 600) : rng.size(1, 70);
        const std::size_t m = causal ? n : (big ? rng.size(200, 600) : rng.size(1, 70));
        const std::size_t d_k = rng.size(1, 70), d_v = rng.size(1, 70);
        const float spread = trial % 5 == 2 ? 6.0f : 2.0f;  // larger scores: sharper softmax
        const attn::Matrix q = rng.matrix(n, d_k, -spread, spread), k = rng.matrix(m, d_k, -spread, spread),
                           v = rng.matrix(m, d_v);
        attn::AttentionOptions options;
        options.mask = causal ? attn::Mask::causal : attn::Mask::none;
        if (trial % 7 == 3) options.scale = 0.9f;
        attn::AttentionTrace trace;
        attn::Matrix out;
        REQUIRE(attn::attention_trace(trace, q, k, v, options).ok());
        REQUIRE(attn::attention_output(out, q, k, v, options).ok());
        INFO("trial " << trial << ": n " << n << ", m " << m << ", d_k " << d_k << ", d_v " << d_v
                      << (causal ? ", causal" : ""));
        const float diff = max_abs_diff(out, trace.output);
        REQUIRE(diff <= 2e-5f);
        worst = std::max(worst, diff);
    }
    std::cout << "attention_output vs attention_trace output: max |diff| = " << worst << "\n";
}

TEST_CASE("attention_output gives the trace's messages for bad input", "[streaming]") {
    const attn::Matrix q = rng.matrix(3, 2), k = rng.matrix(4, 2), v = rng.matrix(4, 5);
    attn::Matrix with_nan = k;
    with_nan(1, 0) = NAN;
    attn::Matrix with_inf = v;
    with_inf(3, 4) = -INFINITY;
    attn::AttentionOptions causal;
    causal.mask = attn::Mask::causal;
    attn::AttentionOptions bad_scale;
    bad_scale.scale = INFINITY;
    struct Case {
        attn::Matrix q, k, v;
        attn::AttentionOptions options;
    };
    const std::vector<Case> cases = {
        {attn::Matrix::from_shape({0, 2}), k, v, {}},
        {q, rng.matrix(4, 3), v, {}},
        {q, k, rng.matrix(3, 5), {}},
        {q, k, v, causal},
        {q, k, v, bad_scale},
        {q, with_nan, v, {}},
        {q, k, with_inf, {}},
        {rng.matrix(8193, 1), rng.matrix(1, 1), rng.matrix(1, 1), {}},
    };
    for (const Case& c : cases) {
        attn::AttentionTrace trace;
        attn::Matrix out;
        const attn::Status expected = attn::attention_trace(trace, c.q, c.k, c.v, c.options);
        const attn::Status actual = attn::attention_output(out, c.q, c.k, c.v, c.options);
        REQUIRE_FALSE(expected.ok());
        CAPTURE(expected.message());
        REQUIRE(actual.message() == expected.message());
    }
}

TEST_CASE("attention_output names a NaN or ±∞ of Q, K or V as the trace does, wherever it is, on one thread and on two",
          "[streaming]") {
    // attention_output scans the entries only once a score or an output entry is non-finite:
    // each cell below must make one so. n = m = 300: two key blocks, several query blocks, and
    // enough work for the pool to split it.
    const std::size_t n = 300, d = 32;
    const attn::Matrix q = rng.matrix(n, d), k = rng.matrix(n, d), v = rng.matrix(n, d);
    attn::ThreadPool pool(2);
    const std::size_t cells[][2] = {{0, 0}, {n - 1, d - 1}, {150, 3}, {n - 1, 0}};
    for (attn::ThreadPool* threads : {static_cast<attn::ThreadPool*>(nullptr), &pool})
        for (attn::Mask mask : {attn::Mask::none, attn::Mask::causal})
            for (int which = 0; which < 3; ++which)
                for (const auto& cell : cells)
                    for (float value : {NAN, INFINITY, -INFINITY}) {
                        attn::Matrix bad[3] = {q, k, v};
                        bad[which](cell[0], cell[1]) = value;
                        if (which < 2) bad[1 - which](0, cell[1]) = 0.0f;  // 0·∞ is NaN, not ±∞
                        attn::AttentionOptions options;
                        options.mask = mask;
                        options.pool = threads;
                        attn::AttentionTrace trace;
                        attn::Matrix out;
                        const attn::Status expected = attn::attention_trace(trace, bad[0], bad[1], bad[2], options);
                        const attn::Status actual = attn::attention_output(out, bad[0], bad[1], bad[2], options);
                        INFO("matrix " << which << ", cell " << cell[0] << "," << cell[1] << ", " << value
                                       << (mask == attn::Mask::causal ? ", causal" : "") << (threads ? ", 2 threads" : ""));
                        REQUIRE_FALSE(expected.ok());
                        REQUIRE(actual.code() == attn::Code::not_finite);
                        REQUIRE(actual.message() == expected.message());
                        REQUIRE(actual.matrix() == expected.matrix());
                        REQUIRE(actual.row() == expected.row());
                        REQUIRE(actual.col() == expected.col());
                    }
}

TEST_CASE("attention_output reports an overflowing score as the trace does", "[streaming]") {
    attn::Matrix q = rng.matrix(70, 8), k = rng.matrix(300, 8), v = rng.matrix(300, 3);
    q(37, 2) = 1e20f;  // only Q row 37 · K row 261 (≈ 1e40) overflows
    k(261, 2) = 1e20f;
    attn::AttentionTrace trace;
    attn::Matrix out;
    const attn::Status expected = attn::attention_trace(trace, q, k, v);
    const attn::Status actual = attn::attention_output(out, q, k, v);
    REQUIRE_FALSE(expected.ok());
    REQUIRE(actual.message() == expected.message());
    REQUIRE(actual.message().rfind("scores[37][261] = Q row 37", 0) == 0);

    attn::AttentionOptions huge_scale;
    huge_scale.scale = 3e38f;
    const attn::Matrix q2 = rng.matrix(40, 4, 1, 2), k2 = rng.matrix(300, 4, 1, 2);
    const attn::Status expected2 = attn::attention_trace(trace, q2, k2, v, huge_scale);
    const attn::Status actual2 = attn::attention_output(out, q2, k2, v, huge_scale);
    REQUIRE_FALSE(expected2.ok());
    REQUIRE(actual2.message() == expected2.message());
}

TEST_CASE("attention_output runs past the trace limit without the n×m matrix", "[streaming]") {
    const std::size_t n = 3000, d = 16;
    const attn::Matrix q = rng.matrix(n, d), k = rng.matrix(n, d), v = rng.matrix(n, d);
    attn::AttentionTrace trace;
    attn::AttentionOptions causal;
    causal.mask = attn::Mask::causal;
    REQUIRE_FALSE(attn::attention_trace(trace, q, k, v, causal).ok());  // 4·n² floats: past the limit
    attn::Matrix out;
    REQUIRE(attn::attention_output(out, q, k, v, causal).ok());
    // Spot-check rows against a direct double-precision computation.
    double worst = 0.0;
    for (std::size_t i : {std::size_t(0), std::size_t(1), std::size_t(255), std::size_t(256), std::size_t(1777),
                          n - 1}) {
        std::vector<double> w(i + 1);
        double row_max = -INFINITY, sum = 0.0;
        for (std::size_t j = 0; j <= i; ++j) {
            double s = 0.0;
            for (std::size_t p = 0; p < d; ++p) s += double(q(i, p)) * k(j, p);
            w[j] = s / std::sqrt(double(d));
            row_max = std::max(row_max, w[j]);
        }
        for (double& x : w) sum += (x = std::exp(x - row_max));
        for (std::size_t c = 0; c < d; ++c) {
            double o = 0.0;
            for (std::size_t j = 0; j <= i; ++j) o += w[j] / sum * v(j, c);
            INFO("output[" << i << "][" << c << "]");
            REQUIRE(std::fabs(out(i, c) - o) < 1e-5);
            worst = std::max(worst, std::fabs(out(i, c) - o));
        }
    }
    std::cout << "attention_output (n = 3000, causal) vs double precision: max |diff| = " << worst << "\n";
}
