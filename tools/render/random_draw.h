// Uniform draws straight from std::mt19937's bits. std::uniform_real_distribution is
// implementation-defined, and generated fixtures must not change with the standard library.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace sopocr::fixtures {

// Uniform in [low, high).
inline double uniform(std::mt19937& rng, double low, double high) {
  return low + (high - low) * (static_cast<double>(rng()) / 4294967296.0);
}

// Uniform in [low, high_inclusive].
inline int uniform_int(std::mt19937& rng, int low, int high_inclusive) {
  return low + static_cast<int>(rng() % static_cast<std::uint32_t>(high_inclusive - low + 1));
}

inline bool chance(std::mt19937& rng, double probability) {
  return uniform(rng, 0, 1) < probability;
}

// One element of a non-empty vector.
template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& items) {
  return items[static_cast<std::size_t>(uniform_int(rng, 0, static_cast<int>(items.size()) - 1))];
}

}  // namespace sopocr::fixtures
