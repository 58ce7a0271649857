// why_scale.hpp — the experiment behind "Why scale?": how peaked the attention weights get
// as d_k grows, with and without the 1/√d_k factor.
//
//   q (samples×d_k), K (keys×d_k): entries drawn from N(0, 1) (seeded, the same on every platform)
//   scores = q·Kᵀ            each score has mean 0 and variance d_k
//   weights_s = row_softmax(s · scores)   for s = 1 and s = 1/√d_k
//   per row: max weight, and entropy H = −Σ_j w_j ln w_j as a share of ln(keys) (1 = uniform, 0 = one key)
// The experiment reports the means over the rows, and the root mean square of the scores.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "matrix.hpp"
#include "status.hpp"

namespace attn {

struct WeightSpread {
    float mean_max_weight = 0.0f;      // mean over rows of max_j w_j            (1/keys … 1)
    float mean_entropy_share = 0.0f;   // mean over rows of H / ln(keys)          (0 … 1)
};

struct ScaleExperiment {
    float score_rms = 0.0f;            // root mean square of the unscaled scores (mean 0, so ≈ √d_k)
    WeightSpread unscaled;             // s = 1
    WeightSpread scaled;               // s = 1/√d_k
};

// sums[i] = Σ_j m[i][j] for every row i (summed in double, stored as float32). Checks m as an
// input named "matrix"; a sum beyond float32's range fails, naming its row.
Status row_sums(std::vector<float>& sums, const Matrix& m);

// 2 ≤ keys ≤ 1024, 1 ≤ samples ≤ 1024, 1 ≤ d_k ≤ 4096.
Status scale_experiment(ScaleExperiment& out, std::size_t d_k, std::size_t keys, std::size_t samples,
                        std::uint32_t seed);

}  // namespace attn
