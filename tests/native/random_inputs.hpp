// random_inputs.hpp — seeded random vectors and matrices for the native tests: entries uniform
// in [lo, hi) drawn from the caller's generator, so each test file keeps its own sequence.
#pragma once

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

}  // namespace test_inputs
