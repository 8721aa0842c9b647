# Interoperability: credentials exported by the engine must verify with an independent verifier,
# Digital Bazaar's @digitalbazaar/vc with the eddsa-jcs-2022 cryptosuite (node, offline).
#   interop.npm_ci  installs the pinned packages (fixture interop_node);
#   interop.export  runs CredentialInteropTest, which writes valid, revoked and tampered credentials
#                   and the status list into ${CMAKE_BINARY_DIR}/interop-out (fixture interop_creds);
#   interop.verify  runs verify.mjs over that directory: valid-* must verify, the others must fail.
# Needs the records tests in the test binary (every part, or "records" in CREDITBANK_DEV_PARTS).
if(NOT TARGET creditbank_tests OR (CREDITBANK_DEV_PARTS AND NOT "records" IN_LIST CREDITBANK_DEV_PARTS))
  return()
endif()
find_program(CREDITBANK_NPM npm)
find_program(CREDITBANK_NODE node)
if(NOT CREDITBANK_NPM OR NOT CREDITBANK_NODE)
  message(FATAL_ERROR "tests/interop: node and npm are required for the interoperability tests")
endif()
set(CREDITBANK_INTEROP_OUT ${CMAKE_BINARY_DIR}/interop-out)
add_test(NAME interop.npm_ci COMMAND ${CREDITBANK_NPM} ci --no-audit --no-fund
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(interop.npm_ci PROPERTIES FIXTURES_SETUP interop_node TIMEOUT 300
                     RESOURCE_LOCK interop_node_modules)
add_test(NAME interop.export
         COMMAND ${CMAKE_COMMAND} -E env CREDITBANK_INTEROP_OUT=${CREDITBANK_INTEROP_OUT}
                 $<TARGET_FILE:creditbank_tests> --gtest_filter=CredentialInteropTest.*)
set_tests_properties(interop.export PROPERTIES FIXTURES_SETUP interop_creds TIMEOUT 60
                     PASS_REGULAR_EXPRESSION "\\[  PASSED  \\] 1 test")
add_test(NAME interop.verify COMMAND ${CREDITBANK_NODE} verify.mjs ${CREDITBANK_INTEROP_OUT}
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(interop.verify PROPERTIES FIXTURES_REQUIRED "interop_node;interop_creds"
                     TIMEOUT 120 RESOURCE_LOCK interop_node_modules
                     PASS_REGULAR_EXPRESSION "\n7 passed, 0 failed")
