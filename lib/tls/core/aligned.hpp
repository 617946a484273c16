// std::vector storage aligned to a cache line, for arrays the force kernel moves as 32- and 64-byte
// vectors: with malloc's 16-byte alignment half of the 32-byte slots would straddle two cache
// lines, and the kernel's speed would depend on where the allocation happened to land.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace tls {

template <class T>
struct CacheAlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlign{64};
  CacheAlignedAllocator() = default;
  template <class U>
  CacheAlignedAllocator(const CacheAlignedAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlign)); }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, kAlign); }
  template <class U>
  bool operator==(const CacheAlignedAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using AlignedVector = std::vector<T, CacheAlignedAllocator<T>>;

}  // namespace tls
