# The peer benchmark's checker (benchmarks/peers, issue 6): a hand-made intake whose certifications
# were worked out by hand must come out of creditbank and of every peer (SQLite, json-rules-engine,
# zen-engine), and a deliberately wrong peer result must make the comparator fail, naming the outcome.
# benchmarks/peers/test/test.mjs lists the checks; it installs the pinned npm peers on demand.
# Deferred to the end of the top directory, when the creditbank target exists.
function(creditbank_add_peers_check)
  if(NOT TARGET creditbank)
    return()
  endif()
  find_program(CREDITBANK_NODE node)
  if(NOT CREDITBANK_NODE)
    message(FATAL_ERROR "tests/peers: node and npm are required for the peer checker test")
  endif()
  add_test(NAME peers.check
           COMMAND ${PROJECT_SOURCE_DIR}/benchmarks/peers/test/test.sh --creditbank $<TARGET_FILE:creditbank>)
  # Passes on exit 0, which test.mjs gives only when every check passed.
  set_tests_properties(peers.check PROPERTIES TIMEOUT 300 RESOURCE_LOCK peers_node_modules)
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL creditbank_add_peers_check)
