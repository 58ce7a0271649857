// mulberry32.hpp — the benchmarks' generator, the same as makeRandom in web/js/perf/random-inputs.js,
// so the native and JavaScript contestants get the same inputs: numbers in [0, 1).
#pragma once

#include <cstdint>

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
