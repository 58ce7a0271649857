// version.hpp — the core's version and the SIMD architecture it was built for.
#pragma once

#include "simd.hpp"

namespace attn {

constexpr const char* kVersion = "0.1.0";

// "sse4.1", "avx2", … for a native SIMD build; "scalar" without SIMD.
inline const char* build_arch() { return simd::arch_name(); }

}  // namespace attn
