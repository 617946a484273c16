// The names of an enumeration's values in one table per enumeration: the value -> name and
// name -> value directions and the "a, b or c" list of an error message all read that table, so a
// name is written once (formats and command lines spell these names).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "tls/core/error.hpp"

namespace tls {

template <class E>
struct Named {
  E value;
  const char* name;
};

/// The name of `v` in `table`, or "?" when the table lacks it.
template <class E, std::size_t N>
const char* name_of(const Named<E> (&table)[N], E v) {
  for (const auto& n : table)
    if (n.value == v) return n.name;
  return "?";
}

/// The value named `name`, if any.
template <class E, std::size_t N>
std::optional<E> value_named(const Named<E> (&table)[N], const std::string& name) {
  for (const auto& n : table)
    if (name == n.name) return n.value;
  return std::nullopt;
}

/// "a, b or c": the table's names in order, for messages.
template <class E, std::size_t N>
std::string names_list(const Named<E> (&table)[N]) {
  std::string s;
  for (std::size_t k = 0; k < N; ++k) s += (k == 0 ? "" : k + 1 == N ? " or " : ", ") + std::string(table[k].name);
  return s;
}

/// The value named `name` (an option's value); throws UsageError
/// "unknown <what> '<name>' (expected a, b or c)" otherwise.
template <class E, std::size_t N>
E value_named_or_usage_error(const Named<E> (&table)[N], const std::string& name, const std::string& what) {
  if (const auto v = value_named(table, name)) return *v;
  throw UsageError("unknown " + what + " '" + name + "' (expected " + names_list(table) + ")");
}

}  // namespace tls
