// attention_bench — the native contestants of `npm run bench`: attention_output (the streaming
// path attentionOutput runs in wasm) on the grid n × d, built three ways (bench/CMakeLists.txt):
// xsimd for SSE4.1, xsimd for the machine's best (-march=native), and scalar (ATTN_FORCE_SCALAR,
// no auto-vectorisation). Prints one JSON object; figures, never a test.
//
//   attention_bench --sizes 16,64,256,1024 --dims 16,64,128 --seconds 0.3 [--reference-dir DIR]
//
// Inputs are those of bench/inputs.mjs: Q, K, V uniform in [−1, 1) from mulberry32 with seeds
// (1, 2, 3) + 10·n + d. Before timing, each output is compared with the core's reference
// path (matmul_bt_reference, softmax_row_reference, matmul_reference); --reference-dir also
// writes that reference output as raw float32 (reference-n<n>-d<d>.f32) for the JS contestants.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "attention.hpp"
#include "matmul.hpp"
#include "softmax_row.hpp"
#include "streaming_attention.hpp"
#include "version.hpp"

namespace {

// mulberry32, as makeRandom in bench/inputs.mjs
struct Mulberry32 {
    std::uint32_t a;
    double next() {
        a += 0x6d2b79f5u;
        std::uint32_t t = a;
        t = (t ^ (t >> 15)) * (t | 1u);
        t ^= t + (t ^ (t >> 7)) * (t | 61u);
        return double(t ^ (t >> 14)) / 4294967296.0;
    }
};

attn::Matrix input_matrix(std::size_t r, std::size_t c, std::uint32_t seed) {
    Mulberry32 random{seed};
    attn::Matrix m = attn::Matrix::from_shape({r, c});
    for (float& x : m) x = float(random.next() * 2.0 - 1.0);
    return m;
}

// output = softmax_rows(Q·Kᵀ/√d)·V with the reference kernels.
attn::Matrix reference_output(const attn::Matrix& q, const attn::Matrix& k, const attn::Matrix& v) {
    attn::Matrix scores, out;
    attn::kernels::matmul_bt_reference(scores, q, k);
    const float scale = attn::default_scale(attn::cols(q));
    for (float& s : scores) s *= scale;
    for (std::size_t i = 0; i < attn::rows(scores); ++i)
        attn::kernels::softmax_row_reference(attn::row_ptr(scores, i), attn::cols(scores));
    attn::kernels::matmul_reference(out, scores, v);
    return out;
}

std::vector<std::size_t> parse_list(const char* text) {
    std::vector<std::size_t> values;
    for (const char* p = text; *p;) {
        values.push_back(std::strtoul(p, nullptr, 10));
        p = std::strchr(p, ',');
        if (!p) break;
        ++p;
    }
    return values;
}

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes = {16, 64, 256, 1024}, dims = {16, 64, 128};
    double seconds = 0.3;
    std::string reference_dir;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--sizes") sizes = parse_list(argv[i + 1]);
        else if (flag == "--dims") dims = parse_list(argv[i + 1]);
        else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
        else if (flag == "--reference-dir") reference_dir = argv[i + 1];
        else {
            std::fprintf(stderr, "unknown option %s; options: --sizes --dims --seconds --reference-dir\n", argv[i]);
            return 2;
        }
    }
    std::printf("{\"arch\": \"%s\", \"cells\": [", attn::build_arch());
    bool first = true;
    float sink = 0.0f;
    for (std::size_t n : sizes) {
        for (std::size_t d : dims) {
            const std::uint32_t seed = std::uint32_t(10 * n + d);
            const attn::Matrix q = input_matrix(n, d, seed + 1), k = input_matrix(n, d, seed + 2),
                               v = input_matrix(n, d, seed + 3);
            const attn::Matrix reference = reference_output(q, k, v);
            if (!reference_dir.empty()) {
                const std::string path =
                    reference_dir + "/reference-n" + std::to_string(n) + "-d" + std::to_string(d) + ".f32";
                if (FILE* f = std::fopen(path.c_str(), "wb")) {
                    std::fwrite(reference.data(), sizeof(float), reference.size(), f);
                    std::fclose(f);
                } else {
                    std::fprintf(stderr, "cannot write %s\n", path.c_str());
                    return 1;
                }
            }
            attn::Matrix out;
            if (attn::Status s = attn::attention_output(out, q, k, v); !s) {
                std::fprintf(stderr, "n %zu d %zu: %s\n", n, d, s.message().c_str());
                return 1;
            }
            float max_diff = 0.0f;
            for (std::size_t i = 0; i < out.size(); ++i)
                max_diff = std::max(max_diff, std::fabs(out.data()[i] - reference.data()[i]));
            // Warm-up, then repetitions until `seconds` have passed (at least 5).
            std::vector<double> times;
            const double start = now_ms();
            while (times.size() < 5 || (now_ms() - start < seconds * 1000.0 && times.size() < 1000)) {
                const double t0 = now_ms();
                (void)attn::attention_output(out, q, k, v);
                times.push_back(now_ms() - t0);
                sink += out(0, 0);
            }
            times.erase(times.begin());  // the first call warms caches and the allocator
            std::sort(times.begin(), times.end());
            std::printf("%s{\"n\": %zu, \"d\": %zu, \"medianMs\": %.6f, \"runs\": %zu, \"maxDiff\": %.3g}",
                        first ? "" : ", ", n, d, times[times.size() / 2], times.size(), double(max_diff));
            first = false;
        }
    }
    std::printf("], \"checksum\": %g}\n", double(sink));
    return 0;
}
