// Every SIMD kernel against its scalar reference, on random shapes of 1…67 rows and widths
// (most of them not multiples of the lane width), printing the largest difference seen.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <random>
#include <vector>

#include "attention.hpp"
#include "axpy.hpp"
#include "dot.hpp"
#include "matmul.hpp"
#include "softmax_row.hpp"
#include "random_inputs.hpp"

namespace {

using test_inputs::max_abs_diff;

test_inputs::Random rng(20261126);

// REQUIREs fast[j] ≈ ref[j] for every j (relative `epsilon`, absolute `margin`; the default
// epsilon is Catch's Approx default); returns max_j |fast[j] − ref[j]|.
float require_close(const std::vector<float>& fast, const std::vector<float>& ref, double margin,
                    double epsilon = std::numeric_limits<float>::epsilon() * 100) {
    REQUIRE(fast.size() == ref.size());
    float worst = 0.0f;
    for (std::size_t j = 0; j < fast.size(); ++j) {
        INFO("j = " << j);
        REQUIRE(fast[j] == Approx(ref[j]).epsilon(epsilon).margin(margin));
        worst = std::max(worst, std::fabs(fast[j] - ref[j]));
    }
    return worst;
}

// Sizes 1…67: every remainder modulo the lane width appears, and many non-multiples.
std::vector<std::size_t> all_sizes() {
    std::vector<std::size_t> sizes;
    for (std::size_t n = 1; n <= 67; ++n) sizes.push_back(n);
    return sizes;
}

}  // namespace

// Calls check(fast, ref, n) with two equal copies of a random row, for every length n in
// all_sizes() and entries in (−s, s) for s = 1, 10, 80 (softmax rows near and far from overflow).
template <class Check>
void for_random_rows(Check check) {
    for (std::size_t n : all_sizes()) {
        for (float spread : {1.0f, 10.0f, 80.0f}) {
            auto fast = rng.vector(n, -spread, spread);
            auto ref = fast;
            INFO("n = " << n << ", spread = " << spread);
            check(fast, ref, n);
        }
    }
}

TEST_CASE("dot matches dot_reference for every length 1..67", "[kernels]") {
    float worst = 0.0f;
    for (std::size_t n : all_sizes()) {
        for (int trial = 0; trial < 20; ++trial) {
            const auto a = rng.vector(n), b = rng.vector(n);
            const float fast = attn::kernels::dot(a.data(), b.data(), n);
            const float reference = attn::kernels::dot_reference(a.data(), b.data(), n);
            // Summation order differs: bound the error by the size of the terms.
            float magnitude = 0.0f;
            for (std::size_t i = 0; i < n; ++i) magnitude += std::fabs(a[i] * b[i]);
            INFO("n = " << n);
            REQUIRE(std::fabs(fast - reference) <= 1e-6f * magnitude + 1e-7f);
            worst = std::max(worst, std::fabs(fast - reference));
        }
    }
    std::cout << "dot vs dot_reference (" << attn::simd::arch_name() << "): max |diff| = " << worst << "\n";
}

TEST_CASE("axpy matches axpy_reference for every length 1..67", "[kernels]") {
    float worst = 0.0f;
    for (std::size_t n : all_sizes()) {
        const auto x = rng.vector(n);
        auto y_fast = rng.vector(n);
        auto y_ref = y_fast;
        const float alpha = rng.vector(1)[0];
        attn::kernels::axpy(y_fast.data(), alpha, x.data(), n);
        attn::kernels::axpy_reference(y_ref.data(), alpha, x.data(), n);
        INFO("n = " << n);
        worst = std::max(worst, require_close(y_fast, y_ref, 1e-6));
    }
    std::cout << "axpy vs axpy_reference: max |diff| = " << worst << "\n";
}

TEST_CASE("softmax_row matches softmax_row_reference for every length 1..67", "[kernels]") {
    float worst = 0.0f;
    for_random_rows([&](std::vector<float>& fast, std::vector<float>& ref, std::size_t n) {
        attn::kernels::softmax_row(fast.data(), n);
        attn::kernels::softmax_row_reference(ref.data(), n);
        worst = std::max(worst, require_close(fast, ref, 1e-7, 1e-5));
    });
    std::cout << "softmax_row vs softmax_row_reference: max |diff| = " << worst << "\n";
}

TEST_CASE("exp_shifted_row and scale_row match their references for every length 1..67", "[kernels]") {
    float worst = 0.0f;
    for_random_rows([&](std::vector<float>& fast, std::vector<float>& ref, std::size_t n) {
        const attn::kernels::ShiftedExpRow fast_row = attn::kernels::exp_shifted_row(fast.data(), n);
        const attn::kernels::ShiftedExpRow ref_row = attn::kernels::exp_shifted_row_reference(ref.data(), n);
        REQUIRE(fast_row.max == ref_row.max);
        REQUIRE(fast_row.sum == Approx(ref_row.sum).epsilon(1e-5));
        worst = std::max(worst, require_close(fast, ref, 1e-7, 1e-5));
        attn::kernels::scale_row(fast.data(), n, 0.37f);
        attn::kernels::scale_row_reference(ref.data(), n, 0.37f);
        require_close(fast, ref, 1e-7, 1e-5);
    });
    std::cout << "exp_shifted_row vs exp_shifted_row_reference: max |diff| = " << worst << "\n";
}

TEST_CASE("matmul and matmul_bt match their references on random shapes", "[kernels]") {
    float worst = 0.0f;
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = rng.size(1, 67), k = rng.size(1, 67), m = rng.size(1, 67);
        INFO(n << "x" << k << " times " << k << "x" << m);
        const attn::Matrix a = rng.matrix(n, k), b = rng.matrix(k, m), bt = rng.matrix(m, k);
        attn::Matrix fast, ref;
        attn::kernels::matmul(fast, a, b);
        attn::kernels::matmul_reference(ref, a, b);
        REQUIRE(fast.shape() == ref.shape());
        const float d1 = max_abs_diff(fast, ref);
        REQUIRE(d1 <= 1e-5f * float(k) + 1e-6f);
        attn::kernels::matmul_bt(fast, a, bt);
        attn::kernels::matmul_bt_reference(ref, a, bt);
        REQUIRE(fast.shape() == ref.shape());
        const float d2 = max_abs_diff(fast, ref);
        REQUIRE(d2 <= 1e-5f * float(k) + 1e-6f);
        worst = std::max({worst, d1, d2});
    }
    std::cout << "matmul / matmul_bt vs references: max |diff| = " << worst << "\n";
}

// The whole trace against a plain long-double implementation written here, independent of
// the core's kernels.
TEST_CASE("attention_trace matches a long-double reference on random shapes", "[kernels]") {
    double worst = 0.0;
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t n = rng.size(1, 67), m = rng.size(1, 67), d_k = rng.size(1, 67), d_v = rng.size(1, 67);
        const bool causal = trial % 2 == 1;
        const std::size_t keys = causal ? n : m;
        const attn::Matrix q = rng.matrix(n, d_k), k = rng.matrix(keys, d_k), v = rng.matrix(keys, d_v);
        attn::AttentionTrace trace;
        attn::AttentionOptions options;
        options.mask = causal ? attn::Mask::causal : attn::Mask::none;
        REQUIRE(attn::attention_trace(trace, q, k, v, options).ok());

        const long double scale = 1.0L / std::sqrt((long double)d_k);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t visible = causal ? i + 1 : keys;
            std::vector<long double> w(keys, 0.0L);
            long double row_max = -INFINITY, sum = 0.0L;
            for (std::size_t j = 0; j < visible; ++j) {
                long double s = 0.0L;
                for (std::size_t p = 0; p < d_k; ++p) s += (long double)q(i, p) * k(j, p);
                w[j] = s * scale;
                row_max = std::max(row_max, w[j]);
            }
            for (std::size_t j = 0; j < visible; ++j) sum += (w[j] = std::exp(w[j] - row_max));
            for (std::size_t j = 0; j < visible; ++j) w[j] /= sum;
            for (std::size_t j = 0; j < keys; ++j) {
                INFO("trial " << trial << " weights[" << i << "][" << j << "]");
                REQUIRE(std::fabs((long double)trace.weights(i, j) - w[j]) < 2e-6L);
                worst = std::max(worst, double(std::fabs((long double)trace.weights(i, j) - w[j])));
            }
            for (std::size_t c = 0; c < d_v; ++c) {
                long double o = 0.0L;
                for (std::size_t j = 0; j < keys; ++j) o += w[j] * v(j, c);
                INFO("trial " << trial << " output[" << i << "][" << c << "]");
                REQUIRE(std::fabs((long double)trace.output(i, c) - o) < 1e-5L);
                worst = std::max(worst, double(std::fabs((long double)trace.output(i, c) - o)));
            }
        }
    }
    std::cout << "attention_trace vs long-double reference: max |diff| = " << worst << "\n";
}
