# Helpers shared by every target: warnings, optimisation flags, and tls_add_tool().

# Compile options every project target gets. Floating point stays IEEE (no -ffast-math): energies
# must reproduce the authors' to 5e-11 per particle and reruns must be byte-identical.
function(tls_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    $<$<CONFIG:Release>:-O3>
    -fno-math-errno
    # No fused multiply-add contraction: the SIMD variants of the force kernel chosen at run time
    # (and -march=native builds) must round exactly like the baseline build.
    -ffp-contract=off)
  if(TLS_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()

# tls_add_tool(tls-verb SOURCE file.cpp): one thin executable over tls_core, written to build/bin/.
function(tls_add_tool name)
  cmake_parse_arguments(ARG "" "SOURCE" "" ${ARGN})
  if(NOT ARG_SOURCE)
    set(ARG_SOURCE ${name}.cpp)
  endif()
  add_executable(${name} ${ARG_SOURCE})
  target_link_libraries(${name} PRIVATE tls::core)
  tls_target_defaults(${name})
  install(TARGETS ${name} RUNTIME DESTINATION bin)
endfunction()
