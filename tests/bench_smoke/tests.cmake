# The benchmark suite's smoke run (issue 6): benchmarks/run.sh at its tiny size — limits, every
# micro-benchmark at a minimal time, one 500-learner intake converted in both signing modes, the peers
# — writing ${CMAKE_BINARY_DIR}/bench-smoke.md. It checks that the script still works, not the figures:
# it passes when the script's last line says every section ran and the report has its tables.
# Registered only when both the CLI and the benchmark program are built. This file is included from
# tests/CMakeLists.txt before benchmarks/ is added, so the check is deferred to the end of the top
# directory, when every target exists.
function(creditbank_add_bench_smoke)
  if(NOT TARGET creditbank OR NOT TARGET creditbank_bench)
    return()
  endif()
  add_test(NAME bench_smoke.run
           COMMAND ${PROJECT_SOURCE_DIR}/benchmarks/run.sh --size tiny --build ${CMAKE_BINARY_DIR}
                   --out ${CMAKE_BINARY_DIR}/bench-smoke.md)
  # Alone on the machine: it measures, and its end-to-end runs use every core.
  set_tests_properties(bench_smoke.run PROPERTIES TIMEOUT 300 RUN_SERIAL TRUE
                       PASS_REGULAR_EXPRESSION "wrote [^\n]*bench-smoke\\.md: [0-9]+ tables, [0-9]+ targets met, [0-9]+ missed, all sections complete")
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL creditbank_add_bench_smoke)
