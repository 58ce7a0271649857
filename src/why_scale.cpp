#include "why_scale.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "attention.hpp"
#include "validate.hpp"

namespace attn {

Status row_sums(std::vector<float>& sums, const Matrix& m) {
    if (Status s = check_matrix(m, "matrix"); !s) return s;
    sums.assign(rows(m), 0.0f);
    for (std::size_t i = 0; i < rows(m); ++i) {
        const float* row = row_ptr(m, i);
        double sum = 0.0;
        for (std::size_t j = 0; j < cols(m); ++j) sum += row[j];
        sums[i] = static_cast<float>(sum);
        if (!std::isfinite(sums[i]))
            return Status::error(Code::overflow, "sums[" + std::to_string(i) + "] = \u03a3 matrix row " +
                                                     std::to_string(i) + " overflowed float32 (" +
                                                     describe_non_finite(sums[i]) +
                                                     "); " + overflow_advice("the matrix"))
                .at("matrix", long(i));
    }
    return {};
}

namespace {

// N(0, 1) by Box–Muller from mt19937's 32-bit words: unlike std::normal_distribution, the
// same numbers on every standard library (native and WebAssembly agree).
class StandardNormal {
public:
    explicit StandardNormal(std::uint32_t seed) : bits_(seed) {}
    float operator()() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double u1 = (double(bits_()) + 1.0) / 4294967296.0;  // (0, 1]
        const double u2 = double(bits_()) / 4294967296.0;          // [0, 1)
        const double radius = std::sqrt(-2.0 * std::log(u1));
        const double angle = 6.283185307179586 * u2;
        spare_ = float(radius * std::sin(angle));
        has_spare_ = true;
        return float(radius * std::cos(angle));
    }

private:
    std::mt19937 bits_;
    float spare_ = 0.0f;
    bool has_spare_ = false;
};

Matrix normal_matrix(std::size_t r, std::size_t c, StandardNormal& normal) {
    Matrix m = Matrix::from_shape({r, c});
    for (float& x : m) x = normal();
    return m;
}

WeightSpread spread_of(const Matrix& scores, float scale) {
    Matrix scaled, weights;
    scale_scores(scaled, scores, scale, Mask::none);
    row_softmax(weights, scaled, Mask::none);
    const std::size_t n = rows(weights), m = cols(weights);
    double max_sum = 0.0, entropy_sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const float* w = row_ptr(weights, i);
        double entropy = 0.0;
        for (std::size_t j = 0; j < m; ++j)
            if (w[j] > 0.0f) entropy -= double(w[j]) * std::log(double(w[j]));
        max_sum += *std::max_element(w, w + m);
        entropy_sum += entropy / std::log(double(m));
    }
    return {float(max_sum / double(n)), float(entropy_sum / double(n))};
}

}  // namespace

Status scale_experiment(ScaleExperiment& out, std::size_t d_k, std::size_t keys, std::size_t samples,
                        std::uint32_t seed) {
    if (d_k < 1 || d_k > 4096)
        return Status::error(Code::bad_option, "d_k is " + std::to_string(d_k) + "; it must be from 1 to 4096").about("dk");
    if (keys < 2 || keys > 1024)
        return Status::error(Code::bad_option, "keys is " + std::to_string(keys) + "; it must be from 2 to 1024")
            .about("keys");
    if (samples < 1 || samples > 1024)
        return Status::error(Code::bad_option, "samples is " + std::to_string(samples) + "; it must be from 1 to 1024")
            .about("samples");
    StandardNormal normal(seed);
    const Matrix q = normal_matrix(samples, d_k, normal);
    const Matrix k = normal_matrix(keys, d_k, normal);
    Matrix scores;
    attention_scores(scores, q, k);
    double square_sum = 0.0;
    for (float s : scores) square_sum += double(s) * double(s);
    out.score_rms = float(std::sqrt(square_sum / double(scores.size())));
    out.unscaled = spread_of(scores, 1.0f);
    out.scaled = spread_of(scores, default_scale(d_k));
    return {};
}

}  // namespace attn
