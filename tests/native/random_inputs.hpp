// random_inputs.hpp — the native tests' shared helpers: seeded random vectors, matrices and sizes
// (entries uniform in [lo, hi), drawn from the caller's generator, so each test file keeps its own
// sequence), and the largest difference between two matrices.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "matrix.hpp"

namespace test_inputs {

inline std::vector<float> random_vector(std::mt19937& generator, std::size_t n, float lo, float hi) {
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(n);
    for (float& x : v) x = dist(generator);
    return v;
}

inline attn::Matrix random_matrix(std::mt19937& generator, std::size_t r, std::size_t c, float lo, float hi) {
    std::uniform_real_distribution<float> dist(lo, hi);
    attn::Matrix m = attn::Matrix::from_shape({r, c});
    for (float& x : m) x = dist(generator);
    return m;
}

// One seeded sequence: a test file holds one `Random rng(seed);` and draws everything from it,
// so its cases see the same numbers on every run and every machine.
class Random {
public:
    explicit Random(std::uint32_t seed) : generator_(seed) {}

    std::vector<float> vector(std::size_t n, float lo = -2.0f, float hi = 2.0f) {
        return random_vector(generator_, n, lo, hi);
    }
    attn::Matrix matrix(std::size_t r, std::size_t c, float lo = -2.0f, float hi = 2.0f) {
        return random_matrix(generator_, r, c, lo, hi);
    }
    // A size in [lo, hi], both included.
    std::size_t size(std::size_t lo, std::size_t hi) {
        return std::uniform_int_distribution<std::size_t>(lo, hi)(generator_);
    }

private:
    std::mt19937 generator_;
};

// max |a − b| over all entries; a and b must have the same shape.
inline float max_abs_diff(const attn::Matrix& a, const attn::Matrix& b) {
    REQUIRE(a.shape() == b.shape());
    float worst = 0.0f;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(a.data()[i] - b.data()[i]));
    return worst;
}

}  // namespace test_inputs
