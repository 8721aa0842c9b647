# Schema validation with ajv (node): the shipped rules, the sample learners and decisions, and the
# deliberately invalid documents in invalid/. `npm ci` installs the pinned packages first (a fixture).
find_program(CREDITBANK_NPM npm)
find_program(CREDITBANK_NODE node)
if(NOT CREDITBANK_NPM OR NOT CREDITBANK_NODE)
  message(FATAL_ERROR "tests/schemas: node and npm are required for the schema tests")
endif()
add_test(NAME schemas.npm_ci COMMAND ${CREDITBANK_NPM} ci --no-audit --no-fund
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(schemas.npm_ci PROPERTIES FIXTURES_SETUP schemas_node TIMEOUT 300)
add_test(NAME schemas.ajv COMMAND ${CREDITBANK_NODE} validate.mjs
         WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
set_tests_properties(schemas.ajv PROPERTIES FIXTURES_REQUIRED schemas_node TIMEOUT 120
                     PASS_REGULAR_EXPRESSION "[0-9]+ passed, 0 failed")
